package cd.chatrix.crypto.engine;

/**
 * An Olm ciphertext as it travels in {@code m.room.encrypted}: type 0 is a pre-key message, type 1
 * a normal one; the body is unpadded base64.
 */
public record OlmMessage(int type, String body) {
  public static final int PRE_KEY = 0;
  public static final int NORMAL = 1;

  public OlmMessage {
    if (type != PRE_KEY && type != NORMAL) {
      throw new IllegalArgumentException("Olm message type must be 0 or 1, got " + type);
    }
  }
}
