package cd.chatrix.app.store.sql;

import java.util.List;
import java.util.Optional;

/** Brings a database up to the newest known schema, one migration per transaction. */
final class Migrator {
  private final Store store;
  private final String database;
  private final List<Migration> migrations;

  Migrator(Store store, String database, List<Migration> migrations) {
    this.store = store;
    this.database = database;
    this.migrations = List.copyOf(migrations);
    for (int i = 0; i < this.migrations.size(); i++) {
      if (this.migrations.get(i).version() != i + 1) {
        throw new IllegalArgumentException(
            "migrations must be numbered 1, 2, 3, ... without gaps; position "
                + (i + 1)
                + " has version "
                + this.migrations.get(i).version());
      }
    }
  }

  /** Applies what is missing and returns the resulting version. */
  int migrate() {
    store.doInTransaction(tx -> {
      lock(tx);
      tx.update(
          """
          CREATE TABLE IF NOT EXISTS schema_version (
            version INTEGER NOT NULL PRIMARY KEY,
            description VARCHAR(500) NOT NULL,
            applied_at BIGINT NOT NULL)\
          """);
    });
    int supported = migrations.size();
    int current = currentVersion();
    if (current > supported) {
      throw new SchemaTooNewException(database, current, supported);
    }
    for (Migration migration : migrations.subList(current, supported)) {
      store.doInTransaction(tx -> {
        // Re-read inside the write transaction: another process may have migrated meanwhile.
        lock(tx);
        int now = currentVersion();
        if (now >= migration.version()) {
          return;
        }
        for (String statement : migration.statements()) {
          tx.update(statement);
        }
        tx.update(
            "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
            migration.version(),
            migration.description(),
            System.currentTimeMillis());
      });
    }
    return currentVersion();
  }

  /** Waits for a process migrating the same database; SQLite's write transaction already has. */
  private void lock(Tx tx) throws java.sql.SQLException {
    Optional<String> lock = store.dialect().migrationLock();
    if (lock.isPresent()) {
      tx.query(lock.get(), row -> Boolean.TRUE);
    }
  }

  private int currentVersion() {
    return store.inTransaction(tx ->
        tx.queryOne(
                "SELECT COALESCE(MAX(version), 0) AS v FROM schema_version", row -> row.getInt("v"))
            .orElse(0));
  }
}
