package cd.chatrix.matrix.http;

import cd.chatrix.tls.DeferredTls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;

/**
 * Sends requests through a chain of layers to the JDK HttpClient. The first layer added is the
 * outermost. Non-2xx answers become {@link MatrixException}s only at the very top, so each layer
 * can look at statuses and decide (retry, refresh, give up).
 */
public final class HttpTransport implements AutoCloseable {
  private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection");

  private final URI baseUri;
  private final HttpClient client;
  private final List<Layer> layers;
  private final boolean ownsClient;

  private HttpTransport(URI baseUri, HttpClient client, List<Layer> layers, boolean ownsClient) {
    this.baseUri = baseUri;
    this.client = client;
    this.layers = List.copyOf(layers);
    this.ownsClient = ownsClient;
  }

  /** A transport over a client someone else owns (and closes). */
  public static HttpTransport over(HttpClient client, URI baseUri, List<Layer> layers) {
    return new HttpTransport(baseUri, client, layers, false);
  }

  /**
   * The client every module transport should share: virtual threads, redirects followed, TLS set up
   * on the first {@code https} connection ({@link DeferredTls}).
   */
  public static HttpClient newClient(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .sslContext(DeferredTls.context())
        .followRedirects(HttpClient.Redirect.NORMAL)
        .executor(Executors.newVirtualThreadPerTaskExecutor())
        .build();
  }

  public static Builder builder(URI baseUri) {
    return new Builder(baseUri);
  }

  public URI baseUri() {
    return baseUri;
  }

  /** Sends and returns the raw result whatever its status. */
  public HttpResult exchange(MatrixRequest request) {
    return proceed(0, request);
  }

  /** Sends and returns the JSON body of a 2xx answer; anything else throws. */
  public JsonNode call(MatrixRequest request) {
    return expectOk(request, exchange(request)).json();
  }

  public static HttpResult expectOk(MatrixRequest request, HttpResult result) {
    if (!result.ok()) {
      throw new MatrixException(request.toString(), result.error());
    }
    return result;
  }

  /** A transport with the same client and base but another layer chain (e.g. without auth). */
  public HttpTransport withLayers(List<Layer> newLayers) {
    return new HttpTransport(baseUri, client, newLayers, false);
  }

  public List<Layer> layers() {
    return layers;
  }

  private HttpResult proceed(int index, MatrixRequest request) {
    if (index < layers.size()) {
      return layers.get(index).handle(request, next -> proceed(index + 1, next));
    }
    return send(request);
  }

  private HttpResult send(MatrixRequest request) {
    HttpRequest.Builder http =
        HttpRequest.newBuilder(request.resolve(baseUri)).timeout(request.timeout());
    request
        .headers()
        .forEach((name, value) -> {
          if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
            http.header(name, value);
          }
        });
    if (request.body().length > 0) {
      http.header("Content-Type", request.contentType());
      http.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
    } else {
      http.method(request.method(), HttpRequest.BodyPublishers.noBody());
    }
    HttpRequest built = http.build();
    try {
      HttpResponse<byte[]> response = client.send(built, HttpResponse.BodyHandlers.ofByteArray());
      Map<String, List<String>> headers = response.headers().map();
      return new HttpResult(response.statusCode(), headers, response.body());
    } catch (IOException e) {
      throw failed(request, built.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed(request, built.uri(), new java.io.InterruptedIOException());
    }
  }

  private TransportException failed(MatrixRequest request, URI target, IOException e) {
    ConnectionProblem problem =
        ConnectionProblem.of(
            target, e, client.connectTimeout().orElse(Duration.ofSeconds(10)), request.timeout());
    return new TransportException(request.toString(), problem, e);
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }

  /** Collects the base URI and the layers, outermost first. */
  public static final class Builder {
    private final URI baseUri;
    private final List<Layer> layers = new ArrayList<>();
    private Duration connectTimeout = Duration.ofSeconds(10);

    private Builder(URI baseUri) {
      this.baseUri = baseUri;
    }

    public Builder layer(Layer layer) {
      layers.add(layer);
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    public HttpTransport build() {
      return new HttpTransport(baseUri, newClient(connectTimeout), layers, true);
    }
  }
}
