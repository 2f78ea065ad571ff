package cd.chatrix.app.store.sql;

import java.util.List;
import java.util.Objects;

/**
 * One forward-only schema step. Statements run in order inside one transaction, together with the
 * row that records the new version, so a crash leaves either the old or the new schema, never half
 * of it. Keep the SQL to what every engine takes (see {@link Dialect}), so a PostgreSQL store can
 * run the same list.
 */
public record Migration(int version, String description, List<String> statements) {
  public Migration {
    if (version < 1) {
      throw new IllegalArgumentException("migration versions start at 1, got " + version);
    }
    Objects.requireNonNull(description, "description");
    statements = List.copyOf(statements);
    if (statements.isEmpty()) {
      throw new IllegalArgumentException("migration " + version + " has no statements");
    }
  }

  public static Migration of(int version, String description, String... statements) {
    return new Migration(version, description, List.of(statements));
  }
}
