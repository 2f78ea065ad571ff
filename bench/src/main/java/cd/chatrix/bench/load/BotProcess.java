package cd.chatrix.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real bot as its own process: the packaged app ({@code chatrixcd.jar} and its {@code lib/}),
 * started the way the launcher starts it: its java, its JVM options with {@code
 * $CHATRIXCD_JAVA_OPTS}, and its trained AOT cache when it has one for this jar ({@link
 * LauncherFlags}), then {@code -jar chatrixcd.jar -L -c config.json}. The launcher script itself
 * does not start the bot because it rebuilds the app when any source is newer than the jar, which
 * in a busy tree would put a Maven build inside the measurement; for the same reason the jar, its
 * libraries and the cache are copied first, so a build elsewhere cannot swap them under the running
 * bot (the JVM takes a cache whose jars moved, as long as they are the same files).
 */
final class BotProcess implements AutoCloseable {
  private final Process process;
  private final Path console;
  private final String jvm;

  private BotProcess(Process process, Path console, String jvm) {
    this.process = process;
    this.console = console;
    this.jvm = jvm;
  }

  static BotProcess launch(Path dist, Path launcher, Path config, Path workDir) {
    LauncherFlags flags = LauncherFlags.ask(launcher);
    Path copy = snapshot(dist, workDir.resolve("dist"));
    List<String> jvm = new ArrayList<>(flags.options());
    Optional<Path> cache = flags.aotCache().filter(c -> sameDirectory(c.getParent(), dist));
    if (cache.isPresent()) {
      Path cacheCopy = copy.resolve("chatrixcd.aot");
      copyFile(cache.get(), cacheCopy);
      jvm.addAll(List.of("-XX:AOTCache=" + cacheCopy, "-XX:AOTMode=auto"));
    }
    List<String> command = new ArrayList<>();
    // BENCH_BOT_CPUS=1 runs the bot on CPU 1 only (run the bench itself under `taskset -c 0`),
    // so the load generator's own work does not show up as the bot's processing time.
    String cpus = System.getenv().getOrDefault("BENCH_BOT_CPUS", "");
    if (!cpus.isBlank()) {
      command.addAll(List.of("taskset", "-c", cpus.strip()));
    }
    command.add(flags.java().toString());
    command.addAll(jvm);
    command.addAll(List.of("-jar", copy.resolve("chatrixcd.jar").toString()));
    command.addAll(List.of("-L", "-c", config.toString()));
    Path console = workDir.resolve("bot-console.log");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(console.toFile())
              .start();
      String described =
          String.join(" ", flags.options())
              + (cache.isPresent()
                  ? " + the launcher's AOT cache"
                  : flags.aotCache().isPresent()
                      ? " (no AOT cache: the launcher's was trained for another jar than "
                          + dist
                          + ")"
                      : " (no AOT cache: the launcher has none trained for this jar)");
      return new BotProcess(process, console, described);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the bot: " + command, e);
    }
  }

  /** The bot's JVM options and whether it runs from the AOT cache, for the report. */
  String jvm() {
    return jvm;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** The last lines the bot printed, for error messages. */
  String consoleTail() {
    try {
      List<String> lines = Files.readAllLines(console);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no console output: " + e.getMessage() + ")";
    }
  }

  /** SIGTERM and a graceful shutdown; a kill only when it takes longer than 30 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static boolean sameDirectory(Path a, Path b) {
    try {
      return a != null && a.toRealPath().equals(b.toRealPath());
    } catch (IOException e) {
      return false;
    }
  }

  private static void copyFile(Path from, Path to) {
    try {
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("could not copy " + from, e);
    }
  }

  private static Path snapshot(Path dist, Path target) {
    Path jar = dist.resolve("chatrixcd.jar");
    Path lib = dist.resolve("lib");
    if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
      throw new IllegalStateException(
          "no packaged app in "
              + dist
              + " (chatrixcd.jar and lib/); build it with ./mvnw -o -pl app -am package"
              + " -DskipTests");
    }
    try {
      Files.createDirectories(target.resolve("lib"));
      Files.copy(jar, target.resolve("chatrixcd.jar"), StandardCopyOption.REPLACE_EXISTING);
      try (Stream<Path> jars = Files.list(lib)) {
        for (Path j : jars.toList()) {
          Files.copy(j, target.resolve("lib").resolve(j.getFileName()));
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("could not copy the packaged app from " + dist, e);
    }
  }
}
