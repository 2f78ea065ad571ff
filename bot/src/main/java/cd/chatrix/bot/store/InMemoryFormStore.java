package cd.chatrix.bot.store;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps forms in memory: for tests and the demo; production uses the app's SQL store. */
public final class InMemoryFormStore implements FormStore {
  private final Map<String, PendingForm> byId = new ConcurrentHashMap<>();

  @Override
  public void save(PendingForm form) {
    byId.put(form.id(), form);
  }

  @Override
  public boolean remove(String id) {
    return byId.remove(id) != null;
  }

  @Override
  public List<PendingForm> all() {
    return byId.values().stream().sorted(Comparator.comparing(PendingForm::createdAt)).toList();
  }
}
