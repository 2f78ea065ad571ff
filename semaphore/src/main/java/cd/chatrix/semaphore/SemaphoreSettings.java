package cd.chatrix.semaphore;

import java.net.URI;
import java.time.Duration;

/**
 * Everything needed to build a {@link SemaphoreClient}. The app maps its own configuration onto
 * this record so that this module knows nothing about config files.
 *
 * @param url the Semaphore web address, e.g. {@code https://ci.example.org} or {@code
 *     https://x/semaphore}; the API lives under {@code <url>/api}
 */
public record SemaphoreSettings(
    URI url,
    Credentials credentials,
    TlsOptions tls,
    Duration connectTimeout,
    Duration requestTimeout,
    RetryPolicy retry) {

  public SemaphoreSettings {
    String s = url.toString();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    url = URI.create(s);
    if (url.getScheme() == null || !(s.startsWith("http://") || s.startsWith("https://"))) {
      throw new IllegalArgumentException(
          "The Semaphore URL must start with http:// or https:// (got " + s + ").");
    }
  }

  /** Settings with default TLS, 10 s connect and 30 s request timeouts and default retries. */
  public static SemaphoreSettings of(URI url, Credentials credentials) {
    return new SemaphoreSettings(
        url,
        credentials,
        TlsOptions.defaults(),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        RetryPolicy.defaults());
  }

  public SemaphoreSettings withTls(TlsOptions tls) {
    return new SemaphoreSettings(url, credentials, tls, connectTimeout, requestTimeout, retry);
  }

  public SemaphoreSettings withRetry(RetryPolicy retry) {
    return new SemaphoreSettings(url, credentials, tls, connectTimeout, requestTimeout, retry);
  }

  public SemaphoreSettings withTimeouts(Duration connect, Duration request) {
    return new SemaphoreSettings(url, credentials, tls, connect, request, retry);
  }

  /** The API root, e.g. {@code https://x/semaphore/api}. */
  public URI apiBase() {
    return URI.create(url + "/api");
  }

  /** The push endpoint: the API root with ws/wss scheme. */
  public URI pushUri() {
    String api = apiBase().toString();
    return URI.create(
        (api.startsWith("https://") ? "wss://" + api.substring(8) : "ws://" + api.substring(7))
            + "/ws");
  }
}
