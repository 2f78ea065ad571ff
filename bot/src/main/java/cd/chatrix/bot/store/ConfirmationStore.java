package cd.chatrix.bot.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Pending confirmations; {@link #remove} and {@link #claimStart} decide who acts, so an answer is
 * never executed twice. A run's start is claimed rather than removed: the claim stays until {@link
 * #settleStart}, so a start cut off half-way is found again ({@link #claimedStarts}).
 */
public interface ConfirmationStore {
  void save(PendingConfirmation confirmation);

  /** Removes it and returns true only for the caller that actually removed it. */
  boolean remove(String id);

  /**
   * Takes an open confirmation out of the questions ({@link #all}, {@link #byPrompt}) and keeps it
   * as a start under way, durably, in one step; true only for the caller that claimed it.
   */
  boolean claimStart(String id, Optional<String> approver, Instant at);

  /** Semaphore answered the start (or the start was given up): the claim is done with. */
  void settleStart(String id);

  /** Starts claimed and never settled, oldest first. */
  List<ClaimedStart> claimedStarts();

  /** The open question behind a prompt; claimed starts are not questions any more. */
  Optional<PendingConfirmation> byPrompt(String roomId, String promptEventId);

  /** The open questions, oldest first. */
  List<PendingConfirmation> all();
}
