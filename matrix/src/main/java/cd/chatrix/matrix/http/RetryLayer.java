package cd.chatrix.matrix.http;

import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries what may be retried. A 429 is always retried (the server did not act on the request)
 * after the wait it asks for; connection failures and 5xx answers are retried only for retry-safe
 * requests, because a POST that reached the server may already have taken effect.
 */
public final class RetryLayer implements Layer {
  private static final Logger LOG = LoggerFactory.getLogger(RetryLayer.class);

  private final int maxAttempts;
  private final Backoff backoff;
  private final Sleeper sleeper;

  public RetryLayer(int maxAttempts, Backoff backoff, Sleeper sleeper) {
    this.maxAttempts = maxAttempts;
    this.backoff = backoff;
    this.sleeper = sleeper;
  }

  public static RetryLayer standard() {
    return new RetryLayer(6, Backoff.configured(), Sleeper.REAL);
  }

  @Override
  public HttpResult handle(MatrixRequest request, Chain next) {
    for (int attempt = 0; ; attempt++) {
      boolean last = attempt + 1 >= maxAttempts;
      HttpResult result;
      try {
        result = next.proceed(request);
      } catch (TransportException e) {
        if (last || !request.retrySafe() || e.wasInterrupted()) {
          throw e;
        }
        wait(request, attempt, backoff.delay(attempt), "no connection");
        continue;
      }
      Optional<Duration> delay = retryDelay(request, result, attempt);
      if (delay.isEmpty() || last) {
        return result;
      }
      wait(request, attempt, delay.get(), "HTTP " + result.status());
    }
  }

  private Optional<Duration> retryDelay(MatrixRequest request, HttpResult result, int attempt) {
    if (result.status() == 429) {
      return Optional.of(RateLimits.waitFor(result).orElse(backoff.delay(attempt)));
    }
    if (result.status() >= 500 && request.retrySafe()) {
      return Optional.of(backoff.delay(attempt));
    }
    return Optional.empty();
  }

  private void wait(MatrixRequest request, int attempt, Duration delay, String why) {
    LOG.debug("{} got {}; retry {} in {} ms", request, why, attempt + 1, delay.toMillis());
    sleeper.sleep(delay);
  }
}
