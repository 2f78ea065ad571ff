package cd.chatrix.crypto.engine;

/** A cryptographic operation failed (bad MAC, unknown message index, malformed key or message). */
public class CryptoException extends RuntimeException {
  public CryptoException(String message) {
    super(message);
  }

  public CryptoException(String message, Throwable cause) {
    super(message, cause);
  }
}
