package cd.chatrix.bot.store;

import java.util.ArrayList;
import java.util.List;

/** In-memory {@link AuditLog} for tests and the demo. */
public final class InMemoryAuditLog implements AuditLog {
  private final List<AuditEntry> entries = new ArrayList<>();

  @Override
  public synchronized void append(AuditEntry entry) {
    entries.add(entry);
  }

  @Override
  public synchronized List<AuditEntry> recent(int limit) {
    var out = new ArrayList<AuditEntry>();
    for (int i = entries.size() - 1; i >= 0 && out.size() < limit; i--) {
      out.add(entries.get(i));
    }
    return out;
  }
}
