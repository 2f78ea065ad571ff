package cd.chatrix.bot.store;

import java.util.List;
import java.util.Optional;

/**
 * Pending confirmations; {@link #remove} decides who acts, so an answer is never executed twice.
 */
public interface ConfirmationStore {
  void save(PendingConfirmation confirmation);

  /** Removes it and returns true only for the caller that actually removed it. */
  boolean remove(String id);

  Optional<PendingConfirmation> byPrompt(String roomId, String promptEventId);

  List<PendingConfirmation> all();
}
