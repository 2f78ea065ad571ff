package cd.chatrix.crypto.vodozemac;

import cd.chatrix.crypto.engine.OutboundGroupSession;
import cd.chatrix.crypto.engine.PickleKey;
import de.connect2x.trixnity.vodozemac.megolm.GroupSession;

final class VodozemacOutboundGroupSession implements OutboundGroupSession {
  private final GroupSession session;

  VodozemacOutboundGroupSession(GroupSession session) {
    this.session = session;
  }

  @Override
  public String sessionId() {
    return session.getSessionId();
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

  @Override
  public String pickle(PickleKey key) {
    return Pickles.pickle(session, key);
  }

  @Override
  public void close() {
    session.close();
  }
}
