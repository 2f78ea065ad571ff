package cd.chatrix.crypto.engine;

import java.util.Map;
import java.util.Optional;

/** A device's long-term Olm identity with its one-time and fallback keys. */
public interface OlmAccount extends AutoCloseable {

  /** Unpadded base64 Curve25519 identity key. */
  String curve25519Key();

  /** Unpadded base64 Ed25519 fingerprint key. */
  String ed25519Key();

  /** Signs {@code message} with the account's Ed25519 key; unpadded base64 result. */
  String sign(String message);

  int maxOneTimeKeys();

  void generateOneTimeKeys(int count);

  /** Unpublished one-time keys by key id (unpadded base64 Curve25519). */
  Map<String, String> oneTimeKeys();

  /**
   * Every one-time key the account still holds a private key for: the unpublished ones and the
   * published ones no pre-key message has used yet. Published and unused is what the homeserver
   * should hold for this device.
   */
  int storedOneTimeKeyCount();

  /** Generates a new fallback key, replacing the unused one if any. */
  void generateFallbackKey();

  /** The unpublished fallback key as (key id, key), if one exists. */
  Optional<Map.Entry<String, String>> unpublishedFallbackKey();

  void markKeysAsPublished();

  OlmSession createOutboundSession(String theirIdentityKey, String theirOneTimeKey);

  /**
   * Creates the session a pre-key message starts and decrypts that message. Consumes the one-time
   * key it used, so the account must be saved afterwards.
   */
  InboundSessionResult createInboundSession(String theirIdentityKey, String preKeyMessageBody);

  String pickle(PickleKey key);

  @Override
  void close();

  /** The new session and the first plaintext it decrypted. */
  record InboundSessionResult(OlmSession session, String plaintext) {}
}
