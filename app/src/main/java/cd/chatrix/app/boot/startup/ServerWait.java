package cd.chatrix.app.boot.startup;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repeats a start-up step that needs a server until the server answers it. Between attempts it
 * waits at the given {@link Pace}; it logs one WARN when the server cannot be reached and another
 * only when the cause changes (not one per attempt), one INFO once it answers after a wait, and
 * keeps the reason current for {@code /readyz}. A refusal ends the wait at once, and so does a stop
 * request: the step runs on its own thread, so a stop is noticed even while a connection attempt
 * hangs.
 */
public final class ServerWait {
  private static final Logger log = LoggerFactory.getLogger(ServerWait.class);
  // How often a waiting start-up looks for a stop request: well under a person's patience.
  private static final Duration STOP_POLL = Duration.ofMillis(100);

  private final String server;
  private final Function<Throwable, Verdict> classify;
  private final BooleanSupplier stopRequested;
  private final Consumer<String> status;
  private final Pace pace;

  /**
   * @param server what is waited for, as a sentence names it: {@code "the homeserver at x.org"}
   * @param classify what a failed attempt means
   * @param stopRequested true once the process should stop
   * @param status told the reason while waiting, for {@code /readyz}
   */
  public ServerWait(
      String server,
      Function<Throwable, Verdict> classify,
      BooleanSupplier stopRequested,
      Consumer<String> status,
      Pace pace) {
    this.server = Objects.requireNonNull(server, "server");
    this.classify = Objects.requireNonNull(classify, "classify");
    this.stopRequested = Objects.requireNonNull(stopRequested, "stopRequested");
    this.status = Objects.requireNonNull(status, "status");
    this.pace = Objects.requireNonNull(pace, "pace");
  }

  /** Runs {@code step} until it succeeds and returns its result. */
  public <T> T until(Supplier<T> step) throws StartupRefused, StartupStopped, StartupFailed {
    long started = System.nanoTime();
    String cause = null;
    for (int failures = 1; ; failures++) {
      Throwable failure;
      try {
        T result = attempt(step);
        if (cause != null) {
          log.info(
              "Reached {} after {} s of waiting",
              server,
              Duration.ofNanos(System.nanoTime() - started).toSeconds());
        }
        return result;
      } catch (ExecutionException e) {
        failure = e.getCause();
      }
      switch (classify.apply(failure)) {
        case Verdict.Refuse refuse -> throw new StartupRefused(refuse.whatToFix(), failure);
        case Verdict.Fail fail -> throw new StartupFailed(fail.message(), failure);
        case Verdict.Wait wait -> {
          // Readiness first: whoever reads the warning finds /readyz already saying the same.
          status.accept("waiting for " + server + " (" + wait.cause() + ")");
          if (!wait.cause().equals(cause)) {
            log.warn(
                "Waiting for {}: {}. Trying again, at most {} s apart, until it answers"
                    + " (details: {})",
                server,
                wait.cause(),
                pace.max().toSeconds(),
                wait.detail());
            cause = wait.cause();
          }
          pause(pace.delay(failures));
        }
      }
    }
  }

  private <T> T attempt(Supplier<T> step) throws ExecutionException, StartupStopped {
    CompletableFuture<T> outcome = new CompletableFuture<>();
    Thread worker =
        Thread.ofVirtual()
            .name("startup-attempt")
            .start(() -> {
              try {
                outcome.complete(step.get());
              } catch (Throwable t) {
                outcome.completeExceptionally(t);
              }
            });
    while (true) {
      stopIfRequested(worker);
      try {
        return outcome.get(STOP_POLL.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException stillRunning) {
        // look for a stop request, then wait on
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        worker.interrupt();
        throw new StartupStopped();
      }
    }
  }

  private void pause(Duration delay) throws StartupStopped {
    long until = System.nanoTime() + delay.toNanos();
    while (System.nanoTime() < until) {
      stopIfRequested(null);
      try {
        Thread.sleep(Math.min(STOP_POLL.toMillis(), (until - System.nanoTime()) / 1_000_000 + 1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StartupStopped();
      }
    }
    stopIfRequested(null);
  }

  private void stopIfRequested(Thread worker) throws StartupStopped {
    if (stopRequested.getAsBoolean()) {
      if (worker != null) {
        // Whatever it holds was registered with the shutdown, which closes it.
        worker.interrupt();
      }
      throw new StartupStopped();
    }
  }
}
