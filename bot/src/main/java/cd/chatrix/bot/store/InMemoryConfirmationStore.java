package cd.chatrix.bot.store;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps confirmations in memory: for tests and the demo; production uses the app's SQL store. */
public final class InMemoryConfirmationStore implements ConfirmationStore {
  private final Map<String, PendingConfirmation> byId = new ConcurrentHashMap<>();
  private final Map<String, ClaimedStart> claimed = new ConcurrentHashMap<>();

  @Override
  public void save(PendingConfirmation confirmation) {
    byId.put(confirmation.id(), confirmation);
  }

  @Override
  public boolean remove(String id) {
    return byId.remove(id) != null;
  }

  @Override
  public boolean claimStart(String id, Optional<String> approver, Instant at) {
    PendingConfirmation taken = byId.remove(id);
    if (taken == null) {
      return false;
    }
    claimed.put(id, new ClaimedStart(taken, approver, at));
    return true;
  }

  @Override
  public void settleStart(String id) {
    claimed.remove(id);
  }

  @Override
  public List<ClaimedStart> claimedStarts() {
    return claimed.values().stream().sorted(Comparator.comparing(ClaimedStart::claimedAt)).toList();
  }

  @Override
  public Optional<PendingConfirmation> byPrompt(String roomId, String promptEventId) {
    return byId.values().stream()
        .filter(c -> c.roomId().equals(roomId) && c.promptEventId().equals(promptEventId))
        .findFirst();
  }

  @Override
  public List<PendingConfirmation> all() {
    return byId.values().stream()
        .sorted(Comparator.comparing(PendingConfirmation::createdAt))
        .toList();
  }
}
