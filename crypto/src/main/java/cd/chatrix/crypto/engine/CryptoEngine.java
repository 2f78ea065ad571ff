package cd.chatrix.crypto.engine;

/**
 * Factory for every cryptographic primitive the machine needs. Objects it returns own native memory
 * and must be closed.
 */
public interface CryptoEngine {

  OlmAccount newAccount();

  OlmAccount unpickleAccount(String pickle, PickleKey key);

  OlmSession unpickleSession(String pickle, PickleKey key);

  OutboundGroupSession newOutboundGroupSession();

  OutboundGroupSession unpickleOutboundGroupSession(String pickle, PickleKey key);

  /** Creates the receiving side from the {@code session_key} of an {@code m.room_key} event. */
  InboundGroupSession newInboundGroupSession(String sessionKey);

  /** Creates the receiving side from an exported key (forwarded room keys, key backup). */
  InboundGroupSession importInboundGroupSession(String exportedSessionKey);

  InboundGroupSession unpickleInboundGroupSession(String pickle, PickleKey key);

  /** Checks an unpadded-base64 Ed25519 signature over {@code message}; false on any mismatch. */
  boolean verifyEd25519(String publicKey, String message, String signature);

  /** A fresh Ed25519 key pair, for cross-signing keys. */
  SigningKey newSigningKey();

  /** Restores an Ed25519 key pair from its 32-byte seed. */
  SigningKey signingKeyFromSeed(byte[] seed);

  Sas newSas();

  PkDecryption newPkDecryption();

  PkDecryption pkDecryptionFromSecret(byte[] secretKey);

  PkEncryption pkEncryption(String recipientPublicKey);
}
