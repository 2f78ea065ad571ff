package cd.chatrix.testkit.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for tests: Debian's {@code postgresql} binaries, a cluster made by
 * {@code initdb} in a temporary directory, listening on a free loopback port, removed when the JVM
 * exits. One per test JVM ({@link #shared()}): starting one costs a second or two, a database in it
 * a few milliseconds. Durability is switched off ({@code fsync=off}): nothing here outlives the run
 * ({@link #startDurable()} keeps it, for benches). Authentication is {@code trust} on loopback, as
 * user {@value #USER}.
 *
 * <p>initdb refuses to run as root, so as root (CI) every server command runs as the {@code
 * postgres} user through {@code runuser}, and the directory is handed to that user.
 */
public final class PostgresCluster {
  /** The superuser the cluster is made with. */
  public static final String USER = "postgres";

  private static final Path DEBIAN_BINARIES = Path.of("/usr/lib/postgresql");
  private static final long START_TIMEOUT_S = 60;

  private static PostgresCluster shared;

  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asRoot;

  private PostgresCluster(Path bin, Path dir, int port, boolean asRoot) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asRoot = asRoot;
  }

  /** The JVM's cluster, started on first use and stopped when the JVM exits. */
  public static synchronized PostgresCluster shared() {
    if (shared == null) {
      shared = start();
      PostgresCluster cluster = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "postgres-cluster-stop"));
    }
    return shared;
  }

  /** Starts a new cluster; the caller stops it. Fails loudly when PostgreSQL is not installed. */
  public static PostgresCluster start() {
    return start(false);
  }

  /**
   * Starts a new cluster that commits as a production server does ({@code fsync}, {@code
   * synchronous_commit} and {@code full_page_writes} left at the server's defaults, so each commit
   * waits for its WAL on disk): for benches that compare the store's cost with SQLite's, which
   * syncs where the bot asks it to. The caller stops it.
   */
  public static PostgresCluster startDurable() {
    return start(true);
  }

  private static PostgresCluster start(boolean durable) {
    Path bin = binaries();
    boolean asRoot = "root".equals(System.getProperty("user.name"));
    try {
      Path dir = Files.createTempDirectory("chatrix-postgres-");
      if (asRoot) {
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(dir, users.lookupPrincipalByName(USER));
      }
      PostgresCluster cluster = new PostgresCluster(bin, dir, freePort(), asRoot);
      cluster.initdb();
      cluster.run(
          "pg_ctl",
          "-D",
          cluster.data().toString(),
          "-l",
          dir.resolve("server.log").toString(),
          "-w",
          "-t",
          Long.toString(START_TIMEOUT_S),
          "-o",
          String.join(" ", serverOptions(cluster.port, dir, durable)),
          "start");
      return cluster;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not prepare a PostgreSQL cluster for the tests", e);
    }
  }

  private static List<String> serverOptions(int port, Path dir, boolean durable) {
    List<String> options = new ArrayList<>();
    options.addAll(
        List.of(
            "-p " + port, "-k " + dir, "-c listen_addresses=127.0.0.1", "-c max_connections=200"));
    if (!durable) {
      options.addAll(
          List.of("-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"));
    }
    return options;
  }

  /** The loopback port the server listens on. */
  public int port() {
    return port;
  }

  /** A JDBC URL of {@code database} in this cluster. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** The same as {@link #jdbcUrl} in the configuration's form ({@code postgresql://...}). */
  public String url(String database) {
    return jdbcUrl(database).substring("jdbc:".length());
  }

  /** Creates an empty database named {@code name} (letters, digits and underscores). */
  public void createDatabase(String name) {
    if (!name.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("database names here are lower-case identifiers: " + name);
    }
    run("createdb", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", USER, name);
  }

  /** Stops the server at once and removes its files. Safe to call twice. */
  public synchronized void stop() {
    if (!Files.isDirectory(data())) {
      return;
    }
    try {
      run("pg_ctl", "-D", data().toString(), "-m", "immediate", "-w", "stop");
    } catch (IllegalStateException e) {
      // Already gone (the JVM is exiting after a failure); the files are removed either way.
    }
    deleteTree(dir);
  }

  private Path data() {
    return dir.resolve("data");
  }

  private void initdb() {
    run(
        "initdb",
        "-D",
        data().toString(),
        "-U",
        USER,
        "-A",
        "trust",
        "-E",
        "UTF8",
        "--locale=C",
        "--no-sync",
        "--no-instructions");
  }

  /** Runs one of the server's programs (as {@code postgres} when we are root) and waits. */
  private void run(String program, String... args) {
    List<String> command = new ArrayList<>();
    if (asRoot) {
      command.addAll(List.of("runuser", "-u", USER, "--"));
    }
    command.add(bin.resolve(program).toString());
    command.addAll(List.of(args));
    try {
      Path output = Files.createTempFile("chatrix-postgres-", ".out");
      try {
        Process process =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!process.waitFor(START_TIMEOUT_S + 10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException(program + " did not finish: " + command);
        }
        if (process.exitValue() != 0) {
          throw new IllegalStateException(
              program
                  + " failed (exit "
                  + process.exitValue()
                  + "): "
                  + Files.readString(output, StandardCharsets.UTF_8).strip()
                  + serverLog());
        }
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + program, e);
    }
  }

  private String serverLog() {
    Path log = dir.resolve("server.log");
    try {
      return Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** The newest {@code /usr/lib/postgresql/<version>/bin}, or a message saying what to install. */
  private static Path binaries() {
    Optional<Path> newest = Optional.empty();
    if (Files.isDirectory(DEBIAN_BINARIES)) {
      try (Stream<Path> versions = Files.list(DEBIAN_BINARIES)) {
        newest =
            versions
                .map(v -> v.resolve("bin"))
                .filter(b -> Files.isExecutable(b.resolve("initdb")))
                .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                .max(Comparator.comparingInt(PostgresCluster::majorVersion));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return newest.orElseThrow(() ->
        new IllegalStateException(
            "The store tests need a PostgreSQL server, but none was found in "
                + DEBIAN_BINARIES
                + "/<version>/bin. Install the Debian package: apt-get install postgresql"));
  }

  private static int majorVersion(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind is harmless.
    }
  }
}
