package cd.chatrix.matrix.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

/**
 * Owns the one HttpClient of the module and hands out transports over it: plain ones (retries only,
 * for discovery, login and identity providers) and authenticated ones. All of them report to one
 * {@link Outages}, so an outage is logged once whichever transport met it.
 */
public final class Transports implements AutoCloseable {
  private final HttpClient client = HttpTransport.newClient(Duration.ofSeconds(10));
  private final RetryLayer retry;
  private final Outages outages = new Outages();

  public Transports(RetryLayer retry) {
    this.retry = retry;
  }

  public static Transports standard() {
    return new Transports(RetryLayer.standard());
  }

  public HttpTransport plain(URI base) {
    return HttpTransport.over(client, base, List.of(retry, new OutageLayer(outages, base)));
  }

  /**
   * Retries outside, auth inside: every retry asks for the current (possibly renewed) token. The
   * outage layer is innermost, so it sees each attempt as it comes off the wire.
   */
  public HttpTransport authenticated(URI base, AccessTokens tokens) {
    return HttpTransport.over(
        client, base, List.of(retry, new AuthLayer(tokens), new OutageLayer(outages, base)));
  }

  @Override
  public void close() {
    client.close();
  }
}
