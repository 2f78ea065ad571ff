package cd.chatrix.crypto.vodozemac;

import cd.chatrix.crypto.engine.InboundGroupSession;
import de.connect2x.trixnity.vodozemac.megolm.MegolmMessage;

final class VodozemacInboundGroupSession extends NativeSession implements InboundGroupSession {
  private final de.connect2x.trixnity.vodozemac.megolm.InboundGroupSession session;

  VodozemacInboundGroupSession(de.connect2x.trixnity.vodozemac.megolm.InboundGroupSession session) {
    super(session::getSessionId, key -> Pickles.pickle(session, key), session::close);
    this.session = session;
  }

  @Override
  public int firstKnownIndex() {
    return session.getFirstKnownIndex();
  }

  @Override
  public DecryptedGroupMessage decrypt(String ciphertext) {
    return Native.call(
        "Megolm decryption",
        () -> {
          try (var msg = MegolmMessage.Text.Companion.invoke(ciphertext)) {
            var result = session.decrypt(msg);
            return new DecryptedGroupMessage(
                result.getPlaintext().getValue(), result.getMessageIndex());
          }
        });
  }

  @Override
  public String exportAt(int index) {
    return Native.call(
        "Exporting a Megolm session",
        () -> {
          var exported = session.exportAt(index);
          if (exported == null) {
            throw new IllegalStateException("index " + index + " is before the first known index");
          }
          try (exported) {
            return exported.getBase64();
          }
        });
  }
}
