package cd.chatrix.bot.flow;

/**
 * Byte budget for one message in a room. In encrypted rooms the Megolm ciphertext is base64 of the
 * whole event JSON, so only about three quarters of the limit is available to the content.
 */
final class Budget {
  private Budget() {}

  static int forRoom(Services s, String roomId) {
    int max = s.settings().maxEventBytes();
    boolean encrypted;
    try {
      encrypted = s.chat().roomInfo(roomId).map(r -> r.encrypted()).orElse(true);
    } catch (RuntimeException e) {
      encrypted = true;
    }
    return encrypted ? max * 3 / 4 - 1024 : max;
  }
}
