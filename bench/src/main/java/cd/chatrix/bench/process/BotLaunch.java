package cd.chatrix.bench.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * One start of the bot as a child process, with its output drained and watched for the line the app
 * logs once start-up is complete ({@code ChatrixCD <version> is up}: after the first sync, the
 * bot's start and the ops endpoint).
 */
final class BotLaunch implements AutoCloseable {
  private static final Pattern UP = Pattern.compile("ChatrixCD \\S+ is up");
  private static final Duration START_LIMIT = Duration.ofSeconds(90);

  private final Process process;
  private final Instant startedAt;
  private final long startNanos;
  private final CompletableFuture<Long> upNanos = new CompletableFuture<>();
  private final Deque<String> lastLines = new ArrayDeque<>();

  private BotLaunch(Process process, Instant startedAt, long startNanos) {
    this.process = process;
    this.startedAt = startedAt;
    this.startNanos = startNanos;
    Thread.ofVirtual().name("bot-output").start(this::drain);
  }

  static BotLaunch start(List<String> command, java.util.Map<String, String> env, Path dir)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().putAll(env);
    Instant wall = Instant.now();
    long nanos = System.nanoTime();
    return new BotLaunch(builder.start(), wall, nanos);
  }

  long pid() {
    return process.pid();
  }

  Instant startedAt() {
    return startedAt;
  }

  /** Milliseconds from the process start to the "is up" line. */
  double awaitUpMillis() throws InterruptedException {
    try {
      return (upNanos.get(START_LIMIT.toSeconds(), TimeUnit.SECONDS) - startNanos) / 1e6;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "the bot did not come up (" + e.getMessage() + "); its last output:\n" + tail(), e);
    }
  }

  private void drain() {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        long now = System.nanoTime();
        remember(line);
        if (!upNanos.isDone() && UP.matcher(line).find()) {
          upNanos.complete(now);
        }
      }
    } catch (IOException e) {
      // The stream closes when the process ends; nothing to report beyond the exit below.
    }
    upNanos.completeExceptionally(new IllegalStateException("the process ended before it was up"));
  }

  private synchronized void remember(String line) {
    lastLines.addLast(line);
    if (lastLines.size() > 40) {
      lastLines.removeFirst();
    }
  }

  private synchronized String tail() {
    return String.join("\n", lastLines);
  }

  /** SIGTERM, as systemd and docker stop send it; the bot says goodbye and closes its store. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(45, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
