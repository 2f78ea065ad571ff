package cd.chatrix.crypto.engine;

/** The receiving side of a Megolm session. */
public interface InboundGroupSession extends AutoCloseable {

  String sessionId();

  int firstKnownIndex();

  DecryptedGroupMessage decrypt(String ciphertext);

  /** Exports the session from {@code index} onwards, for forwarding to another device. */
  String exportAt(int index);

  String pickle(PickleKey key);

  @Override
  void close();

  record DecryptedGroupMessage(String plaintext, int messageIndex) {}
}
