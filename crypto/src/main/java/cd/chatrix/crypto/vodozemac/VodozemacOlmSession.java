package cd.chatrix.crypto.vodozemac;

import cd.chatrix.crypto.engine.OlmMessage;
import cd.chatrix.crypto.engine.OlmSession;
import de.connect2x.trixnity.vodozemac.olm.Session;

final class VodozemacOlmSession extends NativeSession implements OlmSession {
  private final Session session;

  VodozemacOlmSession(Session session) {
    super(session::getSessionId, key -> Pickles.pickle(session, key), session::close);
    this.session = session;
  }

  Session delegate() {
    return session;
  }

  @Override
  public OlmMessage encrypt(String plaintext) {
    return Native.call(
        "Olm encryption",
        () -> {
          var msg = session.encrypt(plaintext);
          int type =
              msg instanceof de.connect2x.trixnity.vodozemac.olm.OlmMessage.PreKey
                  ? OlmMessage.PRE_KEY
                  : OlmMessage.NORMAL;
          return new OlmMessage(type, msg.getBase64());
        });
  }

  @Override
  public String decrypt(OlmMessage message) {
    return Native.call(
        "Olm decryption",
        () -> {
          de.connect2x.trixnity.vodozemac.olm.OlmMessage.Text parsed =
              message.type() == OlmMessage.PRE_KEY
                  ? de.connect2x.trixnity.vodozemac.olm.OlmMessage.PreKey.Text.Companion.invoke(
                      message.body())
                  : de.connect2x.trixnity.vodozemac.olm.OlmMessage.Normal.Text.Companion.invoke(
                      message.body());
          return session.decrypt(parsed);
        });
  }

  @Override
  public boolean matchesPreKeyMessage(String body) {
    try {
      var parsed =
          de.connect2x.trixnity.vodozemac.olm.OlmMessage.PreKey.Text.Companion.invoke(body);
      try (var keys = parsed.getSessionKeys()) {
        return keys.getSessionId().equals(session.getSessionId());
      }
    } catch (Exception e) {
      return false;
    }
  }
}
