package cd.chatrix.bot.flow;

import cd.chatrix.bot.text.Reply;

/**
 * Byte budget for one message in a room, counted as body plus formatted_body on the wire ({@link
 * Reply#wireBytes}). {@code BotSettings.maxEventBytes} leaves the rest of the 65,536-byte event
 * (the other content keys, the relation, mentions, and the envelope the homeserver adds) as
 * headroom. In encrypted rooms the Megolm ciphertext is base64 of the whole event JSON, so only
 * about three quarters of the limit is available to the content. An edit carries the message twice
 * (the fallback body and {@code m.new_content}), so it gets half.
 */
public final class Budget {
  /** What an edit adds besides its two copies of the message: "* " twice, keys, the relation. */
  private static final int EDIT_OVERHEAD = 256;

  private Budget() {}

  public static int forRoom(Services s, String roomId) {
    int max = s.settings().maxEventBytes();
    boolean encrypted;
    try {
      encrypted = s.chat().roomInfo(roomId).map(r -> r.encrypted()).orElse(true);
    } catch (RuntimeException e) {
      encrypted = true;
    }
    return encrypted ? forEncrypted(max) : max;
  }

  static int forEdit(Services s, String roomId) {
    return forRoom(s, roomId) / 2 - EDIT_OVERHEAD;
  }

  /**
   * {@code reply}, shortened if it would not fit an event in {@code roomId}. The room is looked up
   * only for a reply too large for the smallest budget, so ordinary replies cost no port call.
   */
  static Reply fit(Services s, String roomId, Reply reply, boolean edit) {
    int smallest = forEncrypted(s.settings().maxEventBytes());
    if (edit) {
      smallest = smallest / 2 - EDIT_OVERHEAD;
    }
    if (reply.wireBytes() <= smallest) {
      return reply;
    }
    return reply.fitted(edit ? forEdit(s, roomId) : forRoom(s, roomId));
  }

  private static int forEncrypted(int max) {
    return max * 3 / 4 - 1024;
  }
}
