package cd.chatrix.app.boot;

import cd.chatrix.app.boot.console.RunningBot;
import cd.chatrix.app.boot.run.Shutdown;
import cd.chatrix.app.cli.LaunchOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * The real application (configuration, store, live services) run in-process on its own thread, as
 * {@code chatrixcd -L -c FILE} runs it, with a handle on its shutdown so a test can stop it the way
 * a signal does.
 */
final class StartingApp implements AutoCloseable {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final AtomicReference<Shutdown> shutdown = new AtomicReference<>();
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private final Path logFile;

  private StartingApp(Path logFile) {
    this.logFile = logFile;
  }

  /** Runs the application with {@code config}; returns at once. */
  static StartingApp run(Path config, Path logFile) {
    StartingApp app = new StartingApp(logFile);
    BotServices live = new LiveServices();
    BotServices watched =
        new BotServices() {
          @Override
          public void start(Context context) throws StartException {
            app.shutdown.set(context.shutdown());
            live.start(context);
          }

          @Override
          public Optional<RunningBot> running() {
            return live.running();
          }
        };
    Application application =
        new Application(
            Map.of(),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(app.err, true, StandardCharsets.UTF_8),
            watched);
    Thread.ofPlatform()
        .name("app-under-test")
        .start(() -> {
          try {
            app.exit.complete(application.run(LaunchOptions.logOnly(config)));
          } catch (Throwable t) {
            app.exit.completeExceptionally(t);
          }
        });
    return app;
  }

  /** Asks the running application to stop, as SIGTERM does. */
  void requestStop() {
    Optional.ofNullable(shutdown.get()).ifPresent(Shutdown::requestStop);
  }

  /** The exit code, once the run ended (within {@code wait}). */
  int awaitExit(Duration wait) {
    try {
      return exit.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("the application did not end: " + e + "\n" + logTail(), e);
    }
  }

  boolean ended() {
    return exit.isDone();
  }

  String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** The log file's lines so far. */
  List<String> logLines() {
    try {
      return Files.exists(logFile) ? Files.readAllLines(logFile) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines of {@code level} that contain {@code text}. */
  List<String> logged(String level, String text) {
    return logLines().stream()
        .filter(l -> l.contains(" " + level + " ") || l.contains(" " + level + "  "))
        .filter(l -> l.contains(text))
        .toList();
  }

  String logTail() {
    List<String> lines = logLines();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /** {@code GET /readyz} on the ops endpoint at {@code port}: status and body. */
  static Optional<Readiness> readyz(int port) {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return Optional.of(new Readiness(response.statusCode(), response.body()));
    } catch (IOException e) {
      return Optional.empty(); // not listening (yet)
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Waits until {@code /readyz} answers something {@code wanted} accepts, and returns it. */
  static Readiness awaitReadyz(
      int port, String description, Duration atMost, Predicate<Readiness> wanted) {
    AtomicReference<Readiness> seen = new AtomicReference<>();
    Awaitility.await(description)
        .atMost(atMost)
        .until(() -> {
          Optional<Readiness> r = readyz(port);
          r.ifPresent(seen::set);
          return r.isPresent() && wanted.test(r.get());
        });
    return seen.get();
  }

  record Readiness(int status, String body) {}

  @Override
  public void close() {
    requestStop();
    if (!ended()) {
      try {
        exit.get(60, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // the test already failed or the run ended
      }
    }
  }
}
