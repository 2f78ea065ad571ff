package cd.chatrix.crypto.vodozemac;

import cd.chatrix.crypto.engine.OutboundGroupSession;
import de.connect2x.trixnity.vodozemac.megolm.GroupSession;

final class VodozemacOutboundGroupSession extends NativeSession implements OutboundGroupSession {
  private final GroupSession session;

  VodozemacOutboundGroupSession(GroupSession session) {
    super(session::getSessionId, key -> Pickles.pickle(session, key), session::close);
    this.session = session;
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
