package cd.chatrix.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real bot as its own process: the packaged app ({@code chatrixcd.jar} and its {@code lib/}),
 * started the way the launcher starts it ({@code java <launcher's JVM options> $CHATRIXCD_JAVA_OPTS
 * -jar chatrixcd.jar -L -c config.json}). The launcher script itself is not used because it
 * rebuilds the app when any source is newer than the jar, which in a busy tree would put a Maven
 * build inside the measurement; for the same reason the jar and libraries are copied first, so a
 * build elsewhere cannot swap them under the running bot.
 */
final class BotProcess implements AutoCloseable {
  private final Process process;
  private final Path console;

  private BotProcess(Process process, Path console) {
    this.process = process;
    this.console = console;
  }

  static BotProcess launch(Path dist, Path launcher, Path config, Path workDir) {
    Path copy = snapshot(dist, workDir.resolve("dist"));
    List<String> command = new ArrayList<>();
    // BENCH_BOT_CPUS=1 runs the bot on CPU 1 only (run the bench itself under `taskset -c 0`),
    // so the load generator's own work does not show up as the bot's processing time.
    String cpus = System.getenv().getOrDefault("BENCH_BOT_CPUS", "");
    if (!cpus.isBlank()) {
      command.addAll(List.of("taskset", "-c", cpus.strip()));
    }
    command.add(javaBinary());
    command.addAll(LauncherFlags.read(launcher));
    command.addAll(LauncherFlags.extra(System.getenv("CHATRIXCD_JAVA_OPTS")));
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
      return new BotProcess(process, console);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the bot: " + command, e);
    }
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

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
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
