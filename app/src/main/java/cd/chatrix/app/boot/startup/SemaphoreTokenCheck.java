package cd.chatrix.app.boot.startup;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks Semaphore once at start-up, beside the wait for the homeserver, whether it takes the bot's
 * token. A refusal is a configuration error and ends start-up (through {@code onRefusal}, which
 * asks the process to stop, so a start still waiting for the homeserver ends at once). Semaphore
 * not answering does not hold start-up up: the bot serves, says so in chat, and {@code /readyz}
 * stays unready until Semaphore answers.
 */
public final class SemaphoreTokenCheck {
  private final CompletableFuture<Optional<Verdict>> outcome = new CompletableFuture<>();
  private final AtomicBoolean settled = new AtomicBoolean();

  private SemaphoreTokenCheck() {}

  /**
   * @param ask an authenticated request every Semaphore user may make
   * @param onRefusal called (once, on the check's thread) when Semaphore refuses the token before
   *     {@link #settle} returned
   */
  public static SemaphoreTokenCheck start(
      Runnable ask, SemaphoreFailures failures, Runnable onRefusal) {
    SemaphoreTokenCheck check = new SemaphoreTokenCheck();
    Thread.ofVirtual()
        .name("semaphore-token-check")
        .start(() -> {
          Optional<Verdict> verdict;
          try {
            ask.run();
            verdict = Optional.empty();
          } catch (RuntimeException e) {
            verdict = Optional.of(failures.classify(e));
          }
          check.outcome.complete(verdict);
          if (check.refusal().isPresent() && !check.settled.get()) {
            onRefusal.run();
          }
        });
    return check;
  }

  /** What Semaphore's refusal says to fix, once it has refused; empty otherwise. */
  public Optional<String> refusal() {
    return outcome
        .getNow(Optional.empty())
        .filter(Verdict.Refuse.class::isInstance)
        .map(v -> ((Verdict.Refuse) v).whatToFix());
  }

  /**
   * Waits up to {@code patience} for the answer; throws when it is a refusal. Later answers no
   * longer stop the bot (the readiness check reports them).
   */
  public void settle(Duration patience) throws StartupRefused, StartupStopped {
    try {
      outcome.get(patience.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException notYet) {
      // Semaphore is slow or away: not a reason to hold the bot back.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupStopped();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the check never completes exceptionally", e);
    } finally {
      settled.set(true);
    }
    Optional<String> refused = refusal();
    if (refused.isPresent()) {
      throw new StartupRefused(refused.get(), null);
    }
  }
}
