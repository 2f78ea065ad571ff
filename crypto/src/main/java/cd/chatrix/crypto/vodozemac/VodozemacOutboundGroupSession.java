package cd.chatrix.crypto.vodozemac;

import cd.chatrix.crypto.engine.OutboundGroupSession;
import cd.chatrix.crypto.engine.PickleKey;
import de.connect2x.trixnity.vodozemac.megolm.GroupSession;
import java.util.function.Function;

final class VodozemacOutboundGroupSession extends NativeSession implements OutboundGroupSession {
  private final GroupSession session;

  VodozemacOutboundGroupSession(GroupSession session) {
    this(session, null);
  }

  /**
   * {@code restoredFrom} is the sealed pickle this session was restored from (null when new). Once
   * a newer pickle is taken, the old one describes a ratchet state that must not be used again, so
   * it is dropped from the key's cache rather than left to age out.
   */
  VodozemacOutboundGroupSession(GroupSession session, String restoredFrom) {
    super(session::getSessionId, new Repickler(session, restoredFrom), session::close);
    this.session = session;
  }

  private static final class Repickler implements Function<PickleKey, String> {
    private final GroupSession session;
    private String latest;

    Repickler(GroupSession session, String restoredFrom) {
      this.session = session;
      this.latest = restoredFrom;
    }

    @Override
    public synchronized String apply(PickleKey key) {
      String sealed = Pickles.pickle(session, key);
      if (latest != null) {
        Pickles.forgetGroupSession(latest, key);
      }
      latest = sealed;
      return sealed;
    }
  }

  @Override
  public int messageIndex() {
    return session.getMessageIndex();
  }

  @Override
  public String sessionKey() {
    try (var key = session.getSessionKey()) {
      return key.getBase64();
    }
  }

  @Override
  public String encrypt(String plaintext) {
    return Native.call(
        "Megolm encryption",
        () -> {
          try (var msg = session.encrypt(plaintext)) {
            return msg.getBase64();
          }
        });
  }
}
