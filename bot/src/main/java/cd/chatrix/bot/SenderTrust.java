package cd.chatrix.bot;

/**
 * Whether the bot may take orders from the device an event came from. The app decides this from
 * {@code matrix.trust_policy} and what its crypto knows; the bot only reads the verdict. With the
 * policy {@code all} every event is {@link Trusted}.
 */
public sealed interface SenderTrust {
  /** The policy asks nothing of devices, or the sending device is one the bot trusts. */
  SenderTrust TRUSTED = new Trusted();

  /** Trusted: may start, stop, confirm, reject and approve as far as the sender's role allows. */
  record Trusted() implements SenderTrust {}

  /**
   * An encrypted event from a device the bot has not verified, nor seen cross-signed by a user it
   * verified.
   */
  record UnverifiedDevice(String deviceId) implements SenderTrust {}

  /**
   * The sending device is not known for sure: the event was not encrypted, or its key came
   * forwarded rather than from the sender.
   *
   * @param unencrypted true when the event was sent in the clear (an unencrypted room, or a client
   *     that did not encrypt it)
   */
  record Unauthenticated(boolean unencrypted) implements SenderTrust {}

  default boolean trusted() {
    return this instanceof Trusted;
  }
}
