package cd.chatrix.bot.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A run someone said yes to, claimed for starting but not yet settled: the bot keeps it from the
 * moment it takes the answer until Semaphore has answered the start (or refused it), so a bot that
 * stops in between (a crash, a kill, a replica losing its lease) leaves a trace the next one
 * settles instead of a "yes" nobody hears back from.
 */
public record ClaimedStart(
    PendingConfirmation confirmation, Optional<String> approver, Instant claimedAt) {
  public ClaimedStart {
    approver = approver == null ? Optional.empty() : approver;
  }
}
