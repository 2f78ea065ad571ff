package cd.chatrix.app.store;

import cd.chatrix.app.store.sql.Dialect;
import cd.chatrix.testkit.postgres.PostgresCluster;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SQL engines every store test runs on. {@link #fresh} gives an empty database each time:
 * SQLite in the test's temporary directory, PostgreSQL as a new schema of one database in the JVM's
 * throwaway cluster, so tests never see each other's rows.
 */
public enum Engine {
  SQLITE,
  POSTGRESQL;

  private static final String DATABASE = "chatrix_tests";
  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static volatile boolean databaseCreated;

  /** A new, empty database; {@code dir} is the test's own temporary directory. */
  public Dialect fresh(Path dir) {
    return switch (this) {
      case SQLITE -> Dialect.sqlite(dir);
      case POSTGRESQL -> {
        PostgresCluster cluster = cluster();
        String schema = "t" + SCHEMAS.incrementAndGet();
        execute(cluster, "CREATE SCHEMA " + schema);
        yield Dialect.postgres(
            cluster.url(DATABASE) + "?currentSchema=" + schema, PostgresCluster.USER, "");
      }
    };
  }

  /** An empty database of its own in the JVM's cluster (for what a schema cannot show). */
  public static Dialect freshPostgresDatabase(String name) {
    PostgresCluster cluster = PostgresCluster.shared();
    cluster.createDatabase(name);
    return Dialect.postgres(cluster.url(name), PostgresCluster.USER, "");
  }

  private static synchronized PostgresCluster cluster() {
    PostgresCluster cluster = PostgresCluster.shared();
    if (!databaseCreated) {
      cluster.createDatabase(DATABASE);
      databaseCreated = true;
    }
    return cluster;
  }

  private static void execute(PostgresCluster cluster, String sql) {
    try (var connection =
            DriverManager.getConnection(cluster.jdbcUrl(DATABASE), PostgresCluster.USER, "");
        var statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not prepare the test database: " + sql, e);
    }
  }
}
