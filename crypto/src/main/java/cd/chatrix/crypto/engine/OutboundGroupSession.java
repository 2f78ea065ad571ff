package cd.chatrix.crypto.engine;

/** The sending side of a Megolm session. */
public interface OutboundGroupSession extends AutoCloseable {

  String sessionId();

  /** Index the next encrypted message will carry. */
  int messageIndex();

  /** The key to hand to recipients in {@code m.room_key}, valid from the current index onwards. */
  String sessionKey();

  /** Encrypts and returns the unpadded base64 Megolm message. */
  String encrypt(String plaintext);

  String pickle(PickleKey key);

  @Override
  void close();
}
