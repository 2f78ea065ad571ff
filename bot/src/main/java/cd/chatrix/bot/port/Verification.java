package cd.chatrix.bot.port;

import java.util.List;
import java.util.Optional;

/**
 * A snapshot of one emoji verification between the bot's device and another.
 *
 * @param id the transaction id; chat shows and accepts its first characters
 * @param weStarted whether the bot asked (otherwise the other device did)
 * @param emojis the seven emojis to compare, only while {@link Phase#COMPARE} or {@link
 *     Phase#CONFIRMED}
 * @param cancelReason why it was cancelled, when it was
 */
public record Verification(
    String id,
    String userId,
    String deviceId,
    boolean weStarted,
    Phase phase,
    List<Emoji> emojis,
    Optional<String> cancelReason) {

  public Verification {
    emojis = List.copyOf(emojis);
  }

  /** Where a verification stands, from the point of view of the person doing it. */
  public enum Phase {
    /** The other device asked; someone has to accept here. */
    REQUESTED,
    /** Waiting for the other device (to accept, or for the key exchange). */
    WAITING,
    /** The emojis are ready: compare them with the other device. */
    COMPARE,
    /** We said they match; waiting for the other device to say so too. */
    CONFIRMED,
    /** Both sides confirmed: the device is verified. */
    DONE,
    /** Stopped by either side or timed out. */
    CANCELLED;

    public boolean finished() {
      return this == DONE || this == CANCELLED;
    }
  }

  /** One emoji of the short authentication string and its English name. */
  public record Emoji(String symbol, String name) {}
}
