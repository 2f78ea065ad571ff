package cd.chatrix.bench.process;

import cd.chatrix.testkit.postgres.PostgresCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one store transaction costs on each engine, on this machine's disk, without the bot: the
 * unit that {@link SemaphoreRateBench}'s commit counts multiply. PostgreSQL through {@code pgbench}
 * (one client, one connection, as the bot has) on a durable throwaway cluster; SQLite through the
 * {@code sqlite3} shell in WAL mode, as the bot opens it. Each line is the mean over {@code
 * --seconds} (PostgreSQL) or {@code --transactions} (SQLite), median of {@code --runs}.
 *
 * <ul>
 *   <li>PostgreSQL, <b>fenced, nothing else</b>: {@code BEGIN; SELECT epoch … FOR KEY SHARE;
 *       COMMIT}: the lease fence that starts every transaction of the bot on PostgreSQL, and all
 *       that {@code LeaderOnlyRunner} does before a Semaphore write. The row lock gives the
 *       transaction an id and a WAL record, so its commit waits for a WAL sync.
 *   <li>PostgreSQL, <b>fenced with {@code synchronous_commit = off}</b>: the same, its commit not
 *       waiting for the disk (what an everyday commit could cost; SQLite's everyday commits do not
 *       sync either).
 *   <li>PostgreSQL, <b>a read, no fence</b>: one {@code SELECT} in auto-commit.
 *   <li>PostgreSQL, <b>fenced write</b>: the fence and one upsert of a 300-byte row (an outbox
 *       entry).
 *   <li>SQLite, <b>write, {@code synchronous=NORMAL}</b> (the bot's everyday commit) and <b>{@code
 *       FULL}</b> (its durable commit: the confirmation's claim).
 * </ul>
 *
 * <pre>
 * java -cp &lt;bench classpath&gt; cd.chatrix.bench.process.CommitCostBench \
 *     [--seconds 3] [--transactions 2000] [--runs 5]
 * </pre>
 */
public final class CommitCostBench {
  private static final String DATABASE = "commitcost";
  private static final String PSQL = "/usr/bin/psql";
  private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");
  private static final String ROW = "x".repeat(300);

  private static final String SCHEMA =
      "CREATE TABLE leader_lease (lease_name TEXT PRIMARY KEY, epoch BIGINT NOT NULL);"
          + " INSERT INTO leader_lease VALUES ('leader', 1);"
          + " CREATE TABLE kv_entries (namespace TEXT, entry_key TEXT, entry_value TEXT,"
          + " PRIMARY KEY (namespace, entry_key));";
  private static final String FENCE =
      "SELECT epoch FROM leader_lease WHERE lease_name = 'leader' AND epoch = 1 FOR KEY SHARE;\n";

  private record Case(String name, String script) {}

  private static final List<Case> POSTGRES_CASES =
      List.of(
          new Case(
              "fenced, nothing else (synchronous_commit on)", "BEGIN;\n" + FENCE + "COMMIT;\n"),
          new Case(
              "fenced, synchronous_commit off",
              "BEGIN;\nSET LOCAL synchronous_commit = off;\n" + FENCE + "COMMIT;\n"),
          new Case(
              "a read, no fence (auto-commit)",
              "SELECT epoch FROM leader_lease WHERE lease_name = 'leader';\n"),
          new Case(
              "fenced write: one 300-byte upsert",
              "\\set k random(1, 1000)\nBEGIN;\n"
                  + FENCE
                  + "INSERT INTO kv_entries VALUES ('outbox', :k, '"
                  + ROW
                  + "') ON CONFLICT (namespace, entry_key) DO UPDATE SET entry_value ="
                  + " excluded.entry_value;\nCOMMIT;\n"));

  private CommitCostBench() {}

  public static void main(String[] args) throws Exception {
    int seconds = 3;
    int transactions = 2000;
    int runs = 5;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
        case "--transactions" -> transactions = Integer.parseInt(args[i + 1]);
        case "--runs" -> runs = Math.max(1, Integer.parseInt(args[i + 1]));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path dir = Files.createTempDirectory("chatrixcd-commit-cost");
    System.out.printf(Locale.ROOT, "load %.2f at the start%n", ProcStats.loadAverage());
    PostgresCluster cluster = PostgresCluster.startDurable();
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "bench-postgres-stop"));
    try {
      cluster.createDatabase(DATABASE);
      psql(cluster, "-qc", SCHEMA);
      for (Case c : POSTGRES_CASES) {
        Path script = dir.resolve("case.sql");
        Files.writeString(script, c.script());
        double[] means = new double[runs];
        for (int r = 0; r < runs; r++) {
          means[r] = pgbench(cluster, script, seconds);
        }
        report("PostgreSQL, " + c.name(), means);
      }
    } finally {
      cluster.stop();
    }
    for (String sync : List.of("NORMAL", "FULL")) {
      double[] means = new double[runs];
      for (int r = 0; r < runs; r++) {
        means[r] = sqlite(dir.resolve("sqlite-" + sync + "-" + r + ".db"), sync, transactions);
      }
      report("SQLite WAL, write: one 300-byte upsert, synchronous=" + sync, means);
    }
    System.out.printf(Locale.ROOT, "load %.2f at the end%n", ProcStats.loadAverage());
  }

  private static void report(String name, double[] means) {
    double[] sorted = means.clone();
    java.util.Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "[figure] one transaction, %s: %.3f ms (median of %d runs; %.3f–%.3f)%n",
        name,
        Stats.percentile(sorted, 50),
        sorted.length,
        sorted[0],
        sorted[sorted.length - 1]);
  }

  /** Mean latency of one client running {@code script} for {@code seconds}. */
  private static double pgbench(PostgresCluster cluster, Path script, int seconds)
      throws IOException, InterruptedException {
    String out =
        run(
            connected(
                cluster,
                "/usr/lib/postgresql/" + majorOf(cluster) + "/bin/pgbench",
                "-n",
                "-c",
                "1",
                "-T",
                Integer.toString(seconds),
                "-f",
                script.toString(),
                DATABASE));
    Matcher m = LATENCY.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("pgbench said no latency:\n" + out);
    }
    return Double.parseDouble(m.group(1));
  }

  /** Mean time per transaction of {@code count} upserts in one sqlite3 shell, WAL mode. */
  private static double sqlite(Path db, String sync, int count)
      throws IOException, InterruptedException {
    StringBuilder sql =
        new StringBuilder("PRAGMA journal_mode=WAL;\nPRAGMA synchronous=" + sync + ";\n")
            .append("CREATE TABLE kv (k INTEGER PRIMARY KEY, v TEXT);\n");
    for (int i = 0; i < count; i++) {
      sql.append("BEGIN; INSERT INTO kv VALUES (")
          .append(i % 1000)
          .append(", '")
          .append(ROW)
          .append("') ON CONFLICT (k) DO UPDATE SET v = excluded.v; COMMIT;\n");
    }
    Path script = db.resolveSibling(db.getFileName() + ".sql");
    Files.writeString(script, sql);
    long start = System.nanoTime();
    run(List.of("sh", "-c", "sqlite3 '" + db + "' < '" + script + "'"));
    return (System.nanoTime() - start) / 1e6 / count;
  }

  /** The server's major version, from the pg_ctl that PostgresCluster chose. */
  private static String majorOf(PostgresCluster cluster) throws IOException, InterruptedException {
    String version = psql(cluster, "-Atc", "SHOW server_version_num");
    return Integer.toString(Integer.parseInt(version.strip()) / 10000);
  }

  /** {@code psql} on the bench's database with {@code flag} and its SQL; returns its output. */
  private static String psql(PostgresCluster cluster, String flag, String sql)
      throws IOException, InterruptedException {
    return run(connected(cluster, PSQL, "-d", DATABASE, flag, sql));
  }

  /**
   * {@code program} with the options that reach the cluster as the bench's user, then {@code rest}.
   */
  private static List<String> connected(PostgresCluster cluster, String program, String... rest) {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            program,
            "-h",
            "127.0.0.1",
            "-p",
            Integer.toString(cluster.port()),
            "-U",
            PostgresCluster.USER));
    command.addAll(List.of(rest));
    return command;
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(command.getFirst() + " failed:\n" + out);
    }
    return out;
  }
}
