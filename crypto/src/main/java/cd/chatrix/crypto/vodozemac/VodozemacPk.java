package cd.chatrix.crypto.vodozemac;

import cd.chatrix.crypto.engine.PkDecryption;
import cd.chatrix.crypto.engine.PkEncryption;
import cd.chatrix.crypto.engine.PkMessage;
import de.connect2x.trixnity.vodozemac.Curve25519PublicKey;
import de.connect2x.trixnity.vodozemac.pkencryption.PkEncryptionMessage;
import java.util.Base64;

/** Key-backup public-key encryption, both directions. */
final class VodozemacPk {
  private static final Base64.Encoder ENC = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder DEC = Base64.getDecoder();

  private VodozemacPk() {}

  static final class Decryption implements PkDecryption {
    private final de.connect2x.trixnity.vodozemac.pkencryption.PkDecryption pk;

    Decryption(de.connect2x.trixnity.vodozemac.pkencryption.PkDecryption pk) {
      this.pk = pk;
    }

    @Override
    public String publicKey() {
      return pk.getPublicKey().getBase64();
    }

    @Override
    public byte[] secretKey() {
      return pk.getSecretKey().getBytes();
    }

    @Override
    public String decrypt(PkMessage m) {
      return Native.call(
          "Backup decryption",
          () ->
              pk.decrypt(
                  new PkEncryptionMessage.Text(
                      DEC.decode(m.ciphertext()),
                      DEC.decode(m.mac()),
                      Curve25519PublicKey.Companion.invoke(m.ephemeral()))));
    }

    @Override
    public void close() {
      pk.close();
    }
  }

  static final class Encryption implements PkEncryption {
    private final de.connect2x.trixnity.vodozemac.pkencryption.PkEncryption pk;

    Encryption(de.connect2x.trixnity.vodozemac.pkencryption.PkEncryption pk) {
      this.pk = pk;
    }

    @Override
    public PkMessage encrypt(String plaintext) {
      return Native.call(
          "Backup encryption",
          () -> {
            var m = pk.encrypt(plaintext);
            return new PkMessage(
                ENC.encodeToString(m.getCiphertext()),
                ENC.encodeToString(m.getMac()),
                m.getEphemeralKey().getBase64());
          });
    }

    @Override
    public void close() {
      pk.close();
    }
  }
}
