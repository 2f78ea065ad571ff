package cd.chatrix.crypto.vodozemac;

import cd.chatrix.crypto.engine.CryptoEngine;
import cd.chatrix.crypto.engine.CryptoException;
import cd.chatrix.crypto.engine.InboundGroupSession;
import cd.chatrix.crypto.engine.OlmAccount;
import cd.chatrix.crypto.engine.OlmSession;
import cd.chatrix.crypto.engine.OutboundGroupSession;
import cd.chatrix.crypto.engine.PickleKey;
import cd.chatrix.crypto.engine.PkDecryption;
import cd.chatrix.crypto.engine.PkEncryption;
import cd.chatrix.crypto.engine.Sas;
import cd.chatrix.crypto.engine.SigningKey;
import de.connect2x.trixnity.vodozemac.Curve25519PublicKey;
import de.connect2x.trixnity.vodozemac.Curve25519SecretKey;
import de.connect2x.trixnity.vodozemac.Ed25519PublicKey;
import de.connect2x.trixnity.vodozemac.Ed25519SecretKey;
import de.connect2x.trixnity.vodozemac.Ed25519Signature;
import de.connect2x.trixnity.vodozemac.megolm.ExportedSessionKey;
import de.connect2x.trixnity.vodozemac.megolm.GroupSession;
import de.connect2x.trixnity.vodozemac.megolm.MegolmSessionConfig;
import de.connect2x.trixnity.vodozemac.megolm.SessionKey;
import de.connect2x.trixnity.vodozemac.olm.Account;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * {@link CryptoEngine} on vodozemac 0.9 through Trixnity's JVM binding. Stateless and shareable.
 */
public final class VodozemacEngine implements CryptoEngine {
  // The binding names this factory "import", a Java keyword, so javac cannot call it directly.
  private static final MethodHandle IMPORT = importHandle();

  private static MethodHandle importHandle() {
    try {
      var companion = de.connect2x.trixnity.vodozemac.megolm.InboundGroupSession.Companion.class;
      return MethodHandles.publicLookup()
          .findVirtual(
              companion,
              "import",
              MethodType.methodType(
                  de.connect2x.trixnity.vodozemac.megolm.InboundGroupSession.class,
                  ExportedSessionKey.class,
                  MegolmSessionConfig.class))
          .bindTo(de.connect2x.trixnity.vodozemac.megolm.InboundGroupSession.Companion);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(
          "InboundGroupSession.import is missing; pin Trixnity 5.0.1.");
    }
  }

  @Override
  public OlmAccount newAccount() {
    return new VodozemacAccount(Native.call("Creating an Olm account", Account.Companion::invoke));
  }

  @Override
  public OlmAccount unpickleAccount(String pickle, PickleKey key) {
    return new VodozemacAccount(Pickles.account(pickle, key));
  }

  @Override
  public OlmSession unpickleSession(String pickle, PickleKey key) {
    return new VodozemacOlmSession(Pickles.session(pickle, key));
  }

  @Override
  public OutboundGroupSession newOutboundGroupSession() {
    return new VodozemacOutboundGroupSession(
        GroupSession.Companion.invoke(MegolmSessionConfig.Companion.v1()));
  }

  @Override
  public OutboundGroupSession unpickleOutboundGroupSession(String pickle, PickleKey key) {
    return new VodozemacOutboundGroupSession(Pickles.groupSession(pickle, key), pickle);
  }

  @Override
  public InboundGroupSession newInboundGroupSession(String sessionKey) {
    return Native.call(
        "Reading a room key",
        () -> {
          try (var key = SessionKey.Companion.invoke(sessionKey)) {
            return new VodozemacInboundGroupSession(
                de.connect2x.trixnity.vodozemac.megolm.InboundGroupSession.Companion.invoke(
                    key, MegolmSessionConfig.Companion.v1()));
          }
        });
  }

  @Override
  public InboundGroupSession importInboundGroupSession(String exportedSessionKey) {
    return Native.call(
        "Importing a room key",
        () -> {
          try (var key = ExportedSessionKey.Companion.invoke(exportedSessionKey)) {
            return new VodozemacInboundGroupSession(
                (de.connect2x.trixnity.vodozemac.megolm.InboundGroupSession)
                    IMPORT.invoke(key, MegolmSessionConfig.Companion.v1()));
          } catch (Throwable t) {
            throw new CryptoException("The forwarded room key is malformed.", t);
          }
        });
  }

  @Override
  public InboundGroupSession unpickleInboundGroupSession(String pickle, PickleKey key) {
    return new VodozemacInboundGroupSession(Pickles.inboundGroupSession(pickle, key));
  }

  @Override
  public boolean verifyEd25519(String publicKey, String message, String signature) {
    try (var key = Ed25519PublicKey.Companion.invoke(publicKey);
        var sig = Ed25519Signature.Companion.invoke(signature)) {
      key.verify(message, sig);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  @Override
  public SigningKey newSigningKey() {
    return new VodozemacSigningKey(Ed25519SecretKey.Companion.invoke());
  }

  @Override
  public SigningKey signingKeyFromSeed(byte[] seed) {
    return Native.call(
        "Restoring a signing key",
        () -> new VodozemacSigningKey(Ed25519SecretKey.Companion.invoke(seed)));
  }

  @Override
  public Sas newSas() {
    return new VodozemacSas();
  }

  @Override
  public PkDecryption newPkDecryption() {
    return new VodozemacPk.Decryption(
        de.connect2x.trixnity.vodozemac.pkencryption.PkDecryption.Companion.invoke());
  }

  @Override
  public PkDecryption pkDecryptionFromSecret(byte[] secretKey) {
    return Native.call(
        "Restoring a backup key",
        () ->
            new VodozemacPk.Decryption(
                de.connect2x.trixnity.vodozemac.pkencryption.PkDecryption.Companion.invoke(
                    Curve25519SecretKey.Companion.invoke(secretKey))));
  }

  @Override
  public PkEncryption pkEncryption(String recipientPublicKey) {
    return Native.call(
        "Preparing backup encryption",
        () ->
            new VodozemacPk.Encryption(
                de.connect2x.trixnity.vodozemac.pkencryption.PkEncryption.Companion.invoke(
                    Curve25519PublicKey.Companion.invoke(recipientPublicKey))));
  }
}
