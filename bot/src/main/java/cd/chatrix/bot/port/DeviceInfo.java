package cd.chatrix.bot.port;

/** One device of a user, with what the bot thinks of it. */
public record DeviceInfo(
    String userId, String deviceId, String displayName, String ed25519, Trust trust) {

  /** How far the bot trusts a device. */
  public enum Trust {
    /** Verified by emoji with the bot, or marked verified by an operator. */
    VERIFIED,
    /** Signed by its owner's cross-signing identity, which the bot trusts. */
    CROSS_SIGNED,
    /** Nothing known either way. */
    UNVERIFIED,
    /** Never gets room keys. */
    BLOCKED
  }
}
