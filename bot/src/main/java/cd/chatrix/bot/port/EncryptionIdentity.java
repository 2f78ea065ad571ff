package cd.chatrix.bot.port;

import java.util.Optional;

/**
 * Who the bot is to other encrypting devices.
 *
 * @param ed25519 the device's fingerprint key (unpadded base64), what people compare by hand
 * @param crossSigningKey the account's cross-signing master key, once set up
 * @param deviceCrossSigned whether this device carries the account's self-signing signature
 * @param roomKeysTo which devices receive the bot's room keys
 */
public record EncryptionIdentity(
    String userId,
    String deviceId,
    String ed25519,
    Optional<String> crossSigningKey,
    boolean deviceCrossSigned,
    KeySharing roomKeysTo) {

  /** The trust policy: which devices of room members get the keys to read the bot's messages. */
  public enum KeySharing {
    /** Every device that is not blocked. */
    ALL_DEVICES,
    /** Only devices verified by emoji or cross-signed by a trusted identity. */
    VERIFIED_ONLY
  }
}
