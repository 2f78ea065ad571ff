package cd.chatrix.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The packaged app ({@code target/chatrixcd.jar}, after {@code package}) on a JVM of its own, in
 * the foreground with {@code -L}, as the launcher runs it: its output drained and kept, watched for
 * the "is up" and "standing by" lines. Killing it is a real {@code kill -9} of that JVM.
 */
final class PackagedBot {
  static final Duration PATIENCE = Duration.ofSeconds(60);

  private final String name;
  private final Process process;
  private final CompletableFuture<Long> up = new CompletableFuture<>();
  private final CompletableFuture<Void> standingBy = new CompletableFuture<>();
  private final Deque<String> lastLines = new ArrayDeque<>();
  private final StringBuilder all = new StringBuilder();

  private PackagedBot(String name, Process process) {
    this.name = name;
    this.process = process;
    Thread.ofVirtual().name("output-" + name).start(this::drain);
  }

  /**
   * Starts the jar with {@code config} in {@code dir}, with the launcher's JVM options plus {@code
   * extraJvmOptions}.
   */
  static PackagedBot start(String name, Path dir, Path config, String... extraJvmOptions)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xmx128m"));
    command.addAll(List.of(extraJvmOptions));
    command.addAll(
        List.of(
            "-jar",
            Path.of("target", "chatrixcd.jar").toAbsolutePath().toString(),
            "-L",
            "-c",
            config.toString()));
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    return new PackagedBot(name, process);
  }

  String name() {
    return name;
  }

  /** The bot JVM's process id, e.g. to read its {@code /proc/PID/maps}. */
  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  boolean isUp() {
    return up.isDone() && !up.isCompletedExceptionally();
  }

  void awaitUp() {
    awaitUp(System.nanoTime());
  }

  /** Waits for "is up" and returns how long after {@code sinceNanos} it came. */
  Duration awaitUp(long sinceNanos) {
    return awaitUp(sinceNanos, PATIENCE);
  }

  /**
   * The same, waiting no longer than {@code within} after {@code sinceNanos}: for a promise the
   * test keeps (a standby leads once the leader's lease has run out), not a performance figure.
   */
  Duration awaitUp(long sinceNanos, Duration within) {
    long left = sinceNanos + within.toNanos() - System.nanoTime();
    try {
      return Duration.ofNanos(up.get(Math.max(0, left), TimeUnit.NANOSECONDS) - sinceNanos);
    } catch (Exception e) {
      throw new AssertionError(
          name + " did not come up within " + within + "; its last output:\n" + tail(), e);
    }
  }

  void awaitStandingBy() {
    try {
      standingBy.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(name + " did not stand by; its last output:\n" + tail(), e);
    }
  }

  /** {@code kill -SIGNAL} of the JVM (STOP and CONT pause and resume it). */
  void signal(String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
    assertThat(kill.waitFor()).as("kill -" + signal).isZero();
  }

  int awaitExit() throws InterruptedException {
    if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError(name + " did not end; its last output:\n" + tail());
    }
    return process.exitValue();
  }

  /** SIGTERM, as systemd sends it: the bot finishes what it has on the wire and closes. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError(name + " did not stop on SIGTERM; its last output:\n" + tail());
    }
  }

  /** SIGKILL: no shutdown hook, no store close, no goodbye. */
  void kill() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Everything it printed so far. */
  synchronized String output() {
    return all.toString();
  }

  synchronized String tail() {
    return String.join("\n", lastLines);
  }

  private void drain() {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        remember(line);
        if (line.matches(".*ChatrixCD \\S+ is up.*")) {
          up.complete(System.nanoTime());
        } else if (line.contains("Standing by")) {
          standingBy.complete(null);
        }
      }
    } catch (IOException e) {
      // The stream ends with the process.
    }
    up.completeExceptionally(new IllegalStateException("the process ended before it was up"));
    standingBy.completeExceptionally(new IllegalStateException("the process ended"));
  }

  private synchronized void remember(String line) {
    lastLines.addLast(line);
    all.append(line).append('\n');
    if (lastLines.size() > 80) {
      lastLines.removeFirst();
    }
  }
}
