package cd.chatrix.crypto;

/**
 * How a room wants its Megolm sessions handled, from its {@code m.room.encryption} state plus our
 * trust policy.
 *
 * @param rotationPeriodMs replace the session after this age
 * @param rotationPeriodMsgs replace the session after this many messages
 */
public record RoomEncryptionSettings(
    long rotationPeriodMs, int rotationPeriodMsgs, TrustPolicy trustPolicy) {
  /** The spec's defaults: one week or 100 messages. */
  public static final long DEFAULT_PERIOD_MS = 7L * 24 * 3600 * 1000;

  public static final int DEFAULT_PERIOD_MSGS = 100;

  public RoomEncryptionSettings {
    if (rotationPeriodMs <= 0 || rotationPeriodMsgs <= 0) {
      throw new IllegalArgumentException(
          "Rotation periods must be positive; omit them from m.room.encryption to use the defaults.");
    }
  }

  public static RoomEncryptionSettings defaults(TrustPolicy policy) {
    return new RoomEncryptionSettings(DEFAULT_PERIOD_MS, DEFAULT_PERIOD_MSGS, policy);
  }

  /**
   * Reads {@code rotation_period_ms}/{@code rotation_period_msgs} from m.room.encryption content.
   */
  public static RoomEncryptionSettings fromStateContent(
      tools.jackson.databind.JsonNode content, TrustPolicy policy) {
    long ms = content.path("rotation_period_ms").asLong(DEFAULT_PERIOD_MS);
    int msgs = content.path("rotation_period_msgs").asInt(DEFAULT_PERIOD_MSGS);
    return new RoomEncryptionSettings(
        ms > 0 ? ms : DEFAULT_PERIOD_MS, msgs > 0 ? msgs : DEFAULT_PERIOD_MSGS, policy);
  }
}
