package cd.chatrix.bot.store;

import java.util.List;

/**
 * Runs whose survey is being filled in. Secret answers are never written anywhere durable: a store
 * keeps their names, and their values only in memory, so after a restart they are asked again.
 */
public interface FormStore {
  void save(PendingForm form);

  /** Removes it and returns true only for the caller that actually removed it. */
  boolean remove(String id);

  /** Oldest first. */
  List<PendingForm> all();
}
