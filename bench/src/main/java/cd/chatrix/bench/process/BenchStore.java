package cd.chatrix.bench.process;

import cd.chatrix.testkit.bot.BotConfigFile;
import cd.chatrix.testkit.postgres.PostgresCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The bot's store during a bench: SQLite in its store directory (the default, nothing to start), or
 * a throwaway PostgreSQL cluster started here from Debian's binaries ({@link PostgresCluster}) with
 * one empty database. That cluster commits durably, as a production server does: the test suite's
 * clusters skip {@code fsync}, which would make PostgreSQL look cheaper than it is beside SQLite
 * (whose durable commits do sync).
 */
final class BenchStore implements AutoCloseable {
  private static final String DATABASE = "chatrixcd";

  /** The engines the bot can keep its state in ({@code store.type}). */
  enum Kind {
    SQLITE("SQLite"),
    POSTGRESQL("PostgreSQL");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** The name people read: {@code SQLite}, {@code PostgreSQL}. */
    String label() {
      return label;
    }

    /** {@code sqlite} or {@code postgresql}, as in the bot's {@code store.type}. */
    static Kind parse(String text) {
      return switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "sqlite" -> SQLITE;
        case "postgresql", "postgres", "pg" -> POSTGRESQL;
        default ->
            throw new IllegalArgumentException("--store is sqlite or postgresql, not " + text);
      };
    }
  }

  /**
   * What the PostgreSQL server counted so far: committed transactions in the bot's database ({@code
   * pg_stat_database.xact_commit}) and WAL syncs to disk, all processes ({@code
   * pg_stat_wal.wal_sync}). A backend reports its counts when idle, at most once a second, so read
   * them after a second or more of quiet.
   */
  record ServerCounters(long commits, long walSyncs) {
    ServerCounters minus(ServerCounters earlier) {
      return new ServerCounters(commits - earlier.commits, walSyncs - earlier.walSyncs);
    }
  }

  private static final String PSQL = "/usr/bin/psql";
  private static final String COUNTERS =
      "SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()),"
          + " (SELECT wal_sync FROM pg_stat_wal)";

  private final Kind kind;
  private final Optional<PostgresCluster> cluster;

  private BenchStore(Kind kind, Optional<PostgresCluster> cluster) {
    this.kind = kind;
    this.cluster = cluster;
  }

  /** Ready for a bot: for PostgreSQL a new cluster with an empty database (a second or two). */
  static BenchStore start(Kind kind) {
    if (kind == Kind.SQLITE) {
      return new BenchStore(kind, Optional.empty());
    }
    PostgresCluster started = PostgresCluster.startDurable();
    // pg_ctl leaves the server running on its own: a bench stopped by Ctrl-C must not leave it.
    Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "bench-postgres-stop"));
    try {
      started.createDatabase(DATABASE);
    } catch (RuntimeException e) {
      started.stop();
      throw e;
    }
    return new BenchStore(kind, Optional.of(started));
  }

  Kind kind() {
    return kind;
  }

  /**
   * Points the bot's config at this store: nothing for SQLite, whose database lives in {@code
   * matrix.store_path} by default.
   */
  void storeIn(BotConfigFile config) {
    cluster.ifPresent(c -> config.postgres(c.url(DATABASE), PostgresCluster.USER));
  }

  /** The server's counters now; empty for SQLite, or when psql cannot ask. */
  Optional<ServerCounters> counters() {
    if (cluster.isEmpty()) {
      return Optional.empty();
    }
    PostgresCluster c = cluster.get();
    try {
      Process psql =
          new ProcessBuilder(
                  PSQL,
                  "-h",
                  "127.0.0.1",
                  "-p",
                  Integer.toString(c.port()),
                  "-U",
                  PostgresCluster.USER,
                  "-d",
                  DATABASE,
                  "-Atc",
                  COUNTERS)
              .redirectErrorStream(true)
              .start();
      String out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!psql.waitFor(10, TimeUnit.SECONDS) || psql.exitValue() != 0) {
        return Optional.empty();
      }
      String[] fields = out.split("\\|");
      return Optional.of(new ServerCounters(Long.parseLong(fields[0]), Long.parseLong(fields[1])));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Stops the cluster and removes its files; nothing for SQLite (the bench's directory has it). */
  @Override
  public void close() {
    cluster.ifPresent(PostgresCluster::stop);
  }

  @Override
  public String toString() {
    return kind.label();
  }
}
