package cd.chatrix.app.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A readiness check fed by events instead of by probing: the app calls {@link #markOk()} whenever
 * the watched thing works (a sync completed, a Semaphore request answered) and {@link
 * #markFailed(String)} when it does not. The check passes while the latest event is a success no
 * older than {@code maxAge}.
 *
 * <p>Typical use: {@code new FreshnessCheck("matrix_sync", Duration.ofSeconds(90))} marked after
 * every sync, and {@code new FreshnessCheck("semaphore", Duration.ofMinutes(2))} marked by the
 * Semaphore client (with a periodic ping when no task is being watched, so it does not go stale).
 */
public final class FreshnessCheck implements ReadinessCheck {

  private record Failure(Instant at, String reason) {}

  private final String name;
  private final Duration maxAge;
  private final Clock clock;
  private volatile Optional<Instant> lastOk = Optional.empty();
  private volatile Optional<Failure> lastFailure = Optional.empty();

  public FreshnessCheck(String name, Duration maxAge) {
    this(name, maxAge, Clock.systemUTC());
  }

  public FreshnessCheck(String name, Duration maxAge, Clock clock) {
    this.name = Objects.requireNonNull(name, "name");
    this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be positive, not " + maxAge);
    }
  }

  public String name() {
    return name;
  }

  /** Records a success now. */
  public void markOk() {
    lastOk = Optional.of(clock.instant());
  }

  /** Records a failure now; {@code reason} is shown on {@code /readyz}, so keep secrets out. */
  public void markFailed(String reason) {
    lastFailure = Optional.of(new Failure(clock.instant(), Objects.requireNonNull(reason)));
  }

  @Override
  public List<CheckResult> check() {
    Optional<Instant> ok = lastOk;
    Optional<Failure> failure = lastFailure;
    if (failure.isPresent() && (ok.isEmpty() || !failure.get().at().isBefore(ok.get()))) {
      return List.of(CheckResult.failing(name, failure.get().reason()));
    }
    if (ok.isEmpty()) {
      return List.of(CheckResult.failing(name, "no success yet since start-up"));
    }
    Duration age = Duration.between(ok.get(), clock.instant());
    if (age.compareTo(maxAge) > 0) {
      return List.of(
          CheckResult.failing(
              name,
              "last success "
                  + age.toSeconds()
                  + " s ago, more than the allowed "
                  + maxAge.toSeconds()
                  + " s"));
    }
    return List.of(CheckResult.ok(name));
  }
}
