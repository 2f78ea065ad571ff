package cd.chatrix.crypto.vodozemac;

import cd.chatrix.crypto.engine.CryptoException;
import cd.chatrix.crypto.engine.PickleKey;
import cd.chatrix.crypto.engine.SecretBox;
import de.connect2x.trixnity.vodozemac.megolm.GroupSession;
import de.connect2x.trixnity.vodozemac.megolm.InboundGroupSession;
import de.connect2x.trixnity.vodozemac.olm.Account;
import de.connect2x.trixnity.vodozemac.olm.Session;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;

/**
 * Pickling through the binding's name-mangled methods. Kotlin mangles {@code pickle(PickleKey)} and
 * {@code fromPickle(String, PickleKey)} because {@code PickleKey} is a value class, so Java source
 * cannot name them; method handles can. The mangled suffixes are tied to Trixnity 5.0.1: if a bump
 * breaks them, the lookups fail when this class loads and {@code PicklesTest} says so.
 *
 * <p>Trixnity 5.0.1 on the JVM drops the pickle key before it reaches native code ({@code
 * KeysKt.getValue-IZ_uHoA} returns null), so its "pickles" are plain base64 JSON holding the
 * private keys. Every pickle is therefore sealed here with {@link SecretBox} (AES-256-GCM under the
 * pickle key, the object kind as associated data so a session cannot be restored as an account).
 * Sealing and opening go through the key's cache of exact sealed values ({@link
 * SecretBox#openRemembered}): the encrypted path restores the same room session on every message.
 */
final class Pickles {
  private static final String PICKLE = "pickle-IZ_uHoA";
  private static final String FROM_PICKLE = "fromPickle-mXAMHs8";

  private static final MethodHandle ACCOUNT_PICKLE = pickle(Account.class);
  private static final MethodHandle SESSION_PICKLE = pickle(Session.class);
  private static final MethodHandle GROUP_PICKLE = pickle(GroupSession.class);
  private static final MethodHandle INBOUND_PICKLE = pickle(InboundGroupSession.class);

  private static final MethodHandle ACCOUNT_FROM =
      fromPickle(Account.Companion.class, Account.class).bindTo(Account.Companion);
  private static final MethodHandle SESSION_FROM =
      fromPickle(Session.Companion.class, Session.class).bindTo(Session.Companion);
  private static final MethodHandle GROUP_FROM =
      fromPickle(GroupSession.Companion.class, GroupSession.class).bindTo(GroupSession.Companion);
  private static final MethodHandle INBOUND_FROM =
      fromPickle(InboundGroupSession.Companion.class, InboundGroupSession.class)
          .bindTo(InboundGroupSession.Companion);

  private Pickles() {}

  static String pickle(Account account, PickleKey key) {
    return invokePickle(ACCOUNT_PICKLE, account, key, "account");
  }

  static String pickle(Session session, PickleKey key) {
    return invokePickle(SESSION_PICKLE, session, key, "Olm session");
  }

  static String pickle(GroupSession session, PickleKey key) {
    return invokePickle(GROUP_PICKLE, session, key, "outbound group session");
  }

  static String pickle(InboundGroupSession session, PickleKey key) {
    return invokePickle(INBOUND_PICKLE, session, key, "inbound group session");
  }

  static Account account(String pickle, PickleKey key) {
    return (Account) invokeFrom(ACCOUNT_FROM, pickle, key, "account");
  }

  static Session session(String pickle, PickleKey key) {
    return (Session) invokeFrom(SESSION_FROM, pickle, key, "Olm session");
  }

  static GroupSession groupSession(String pickle, PickleKey key) {
    return (GroupSession) invokeFrom(GROUP_FROM, pickle, key, "outbound group session");
  }

  /** The outbound state {@code sealed} was superseded by a newer pickle; stop remembering it. */
  static void forgetGroupSession(String sealed, PickleKey key) {
    SecretBox.forget(sealed, key, "outbound group session");
  }

  static InboundGroupSession inboundGroupSession(String pickle, PickleKey key) {
    return (InboundGroupSession) invokeFrom(INBOUND_FROM, pickle, key, "inbound group session");
  }

  private static String invokePickle(MethodHandle h, Object target, PickleKey key, String what) {
    byte[] raw = key.bytes();
    try {
      String plain = (String) h.invoke(target, raw);
      byte[] bytes = plain.getBytes(StandardCharsets.UTF_8);
      try {
        return SecretBox.sealRemembered(bytes, key, what);
      } finally {
        java.util.Arrays.fill(bytes, (byte) 0);
      }
    } catch (Throwable t) {
      throw new CryptoException("Could not pickle the " + what + ".", t);
    } finally {
      java.util.Arrays.fill(raw, (byte) 0);
    }
  }

  private static Object invokeFrom(MethodHandle h, String pickle, PickleKey key, String what) {
    byte[] opened = SecretBox.openRemembered(pickle, key, what);
    String plain = new String(opened, StandardCharsets.UTF_8);
    java.util.Arrays.fill(opened, (byte) 0);
    byte[] raw = key.bytes();
    try {
      return h.invoke(plain, raw);
    } catch (Throwable t) {
      // Deliberately no cause detail that could echo the pickle: only what failed and what to do.
      throw new CryptoException(
          "Could not restore the "
              + what
              + " from the store: the pickle key does not match or the data is damaged. Use the"
              + " pickle key the store was created with.",
          t);
    } finally {
      java.util.Arrays.fill(raw, (byte) 0);
    }
  }

  private static MethodHandle pickle(Class<?> owner) {
    try {
      return MethodHandles.publicLookup()
          .findVirtual(owner, PICKLE, MethodType.methodType(String.class, byte[].class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(
          "The vodozemac binding has no "
              + owner.getSimpleName()
              + "."
              + PICKLE
              + "; pin Trixnity 5.0.1.");
    }
  }

  private static MethodHandle fromPickle(Class<?> companion, Class<?> result) {
    try {
      return MethodHandles.publicLookup()
          .findVirtual(
              companion, FROM_PICKLE, MethodType.methodType(result, String.class, byte[].class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(
          "The vodozemac binding has no "
              + result.getSimpleName()
              + "."
              + FROM_PICKLE
              + "; pin Trixnity 5.0.1.");
    }
  }
}
