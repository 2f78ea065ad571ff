package cd.chatrix.crypto.verification;

import java.util.List;
import java.util.Optional;

/**
 * A snapshot of one verification for chat or TUI: who, where it stands, and the short string to
 * compare once it is available.
 */
public record VerificationStatus(
    String transactionId,
    String otherUser,
    String otherDevice,
    boolean weInitiated,
    VerificationState state,
    List<SasEmoji.Emoji> emoji,
    List<Integer> decimals,
    Optional<String> cancelCode,
    Optional<String> cancelReason) {

  public VerificationStatus {
    emoji = List.copyOf(emoji);
    decimals = List.copyOf(decimals);
  }
}
