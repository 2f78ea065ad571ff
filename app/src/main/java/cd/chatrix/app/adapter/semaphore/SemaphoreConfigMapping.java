package cd.chatrix.app.adapter.semaphore;

import cd.chatrix.app.config.PluginsConfig;
import cd.chatrix.app.config.SemaphoreConfig;
import cd.chatrix.semaphore.Credentials;
import cd.chatrix.semaphore.RetryPolicy;
import cd.chatrix.semaphore.SemaphoreSettings;
import cd.chatrix.semaphore.TlsOptions;
import cd.chatrix.semaphore.watch.WatcherSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;

/** Maps the app's {@code semaphore} and {@code plugins.semaphore_poll} sections onto the client. */
public final class SemaphoreConfigMapping {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration FAST_POLL = Duration.ofSeconds(2);
  private static final Duration SAFETY_POLL = Duration.ofSeconds(60);

  private SemaphoreConfigMapping() {}

  /**
   * Client settings. An API token wins over a username and password, as in the original.
   *
   * @throws IllegalArgumentException when the URL or the credentials are unusable; the message says
   *     which key to fix and never contains a secret
   */
  public static SemaphoreSettings settings(SemaphoreConfig c) {
    URI url = url(c.url());
    Duration request = c.timeout().isPositive() ? c.timeout() : Duration.ofSeconds(30);
    Duration connect = request.compareTo(CONNECT_TIMEOUT) < 0 ? request : CONNECT_TIMEOUT;
    return new SemaphoreSettings(
        url,
        credentials(c),
        new TlsOptions(c.sslVerify(), c.sslCaCert(), c.sslClientCert(), c.sslClientKey()),
        connect,
        request,
        RetryPolicy.defaults());
  }

  static Credentials credentials(SemaphoreConfig c) {
    if (c.apiToken().isPresent()) {
      return new Credentials.ApiToken(c.apiToken().reveal());
    }
    if (!c.username().isBlank() && c.password().isPresent()) {
      return new Credentials.Password(c.username(), c.password().reveal());
    }
    throw new IllegalArgumentException(
        "No way to log in to Semaphore is configured: set semaphore.api_token, or both"
            + " semaphore.username and semaphore.password.");
  }

  private static URI url(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException(
          "semaphore.url is empty: set it to the Semaphore UI address, e.g."
              + " https://semaphore.example.org.");
    }
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "semaphore.url is not a valid address; use e.g. https://semaphore.example.org.");
    }
    if (uri.getRawUserInfo() != null) {
      // Credentials in the URL would be shown in links and messages; Semaphore ignores them anyway.
      throw new IllegalArgumentException(
          "semaphore.url must not contain a user name or password; use semaphore.api_token or"
              + " semaphore.username/semaphore.password instead.");
    }
    return uri;
  }

  /**
   * Watcher tuning, or empty when {@code plugins.semaphore_poll.enabled} is false (the original's
   * switch for monitoring; the caller decides what that means). {@code poll_interval} is the quiet
   * polling pace while the push channel is down; right after a change polling is faster, and while
   * push is up it only double-checks once a minute (or at {@code poll_interval} if that is slower).
   */
  public static Optional<WatcherSettings> watcher(PluginsConfig.SemaphorePoll poll) {
    if (!poll.enabled()) {
      return Optional.empty();
    }
    Duration interval =
        poll.pollInterval().isPositive() ? poll.pollInterval() : Duration.ofSeconds(10);
    Duration fast = interval.compareTo(FAST_POLL) < 0 ? interval : FAST_POLL;
    Duration safety = interval.compareTo(SAFETY_POLL) > 0 ? interval : SAFETY_POLL;
    return Optional.of(
        WatcherSettings.defaults().withPolling(fast, interval, safety).withLogs(false));
  }

  /** How often a {@link TaskFeed} re-reads what the bot watches and looks for new tasks. */
  public static Duration feedRefresh(PluginsConfig.SemaphorePoll poll) {
    return poll.pollInterval().isPositive() ? poll.pollInterval() : Duration.ofSeconds(10);
  }
}
