package cd.chatrix.app.tui;

import java.util.List;
import java.util.Objects;

/**
 * An emoji (SAS) verification in progress.
 *
 * @param id the transaction id the actions take
 * @param userId the other party
 * @param deviceId the other party's device
 * @param phase where the exchange is
 * @param emoji the seven emoji to compare, once {@code phase} is {@link Phase#COMPARE}
 */
public record VerificationView(
    String id, String userId, String deviceId, Phase phase, List<Emoji> emoji) {
  public VerificationView {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(phase, "phase");
    emoji = List.copyOf(emoji);
  }

  /** The steps an operator sees. */
  public enum Phase {
    /** Another device asked to verify; the operator may accept. */
    REQUESTED,
    /** Waiting for the other device to answer. */
    WAITING,
    /** Both sides show emoji; the operator compares them. */
    COMPARE,
    DONE,
    CANCELLED
  }

  /** One SAS emoji and its English name from the Matrix specification's table. */
  public record Emoji(String symbol, String name) {
    public Emoji {
      Objects.requireNonNull(symbol, "symbol");
      Objects.requireNonNull(name, "name");
    }
  }
}
