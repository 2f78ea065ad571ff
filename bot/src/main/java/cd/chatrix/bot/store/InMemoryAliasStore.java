package cd.chatrix.bot.store;

import java.util.Map;
import java.util.TreeMap;

/** In-memory {@link AliasStore} for tests and the demo. */
public final class InMemoryAliasStore implements AliasStore {
  private Map<String, String> aliases;

  public InMemoryAliasStore() {
    this(Map.of());
  }

  public InMemoryAliasStore(Map<String, String> initial) {
    this.aliases = new TreeMap<>(initial);
  }

  @Override
  public synchronized Map<String, String> load() {
    return Map.copyOf(aliases);
  }

  @Override
  public synchronized void save(Map<String, String> newAliases) {
    this.aliases = new TreeMap<>(newAliases);
  }
}
