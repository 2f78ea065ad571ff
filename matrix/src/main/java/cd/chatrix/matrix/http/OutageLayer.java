package cd.chatrix.matrix.http;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;

/**
 * The innermost layer: sees every attempt as it comes off the wire and tells {@link Outages} which
 * ones failed for a passing reason (no connection, 5xx, 429, an endpoint that worked and now is
 * "unrecognized") and which got through. It also turns a 2xx whose body is not JSON (a proxy's or
 * captive portal's page) into a 502 with a readable error, because that is what it is: an answer
 * from something that is not the homeserver. Callers then retry it as they retry a 502, instead of
 * failing on a parse error.
 */
public final class OutageLayer implements Layer {
  private final Outages outages;
  private final URI base;

  public OutageLayer(Outages outages, URI base) {
    this.outages = outages;
    this.base = base;
  }

  @Override
  public HttpResult handle(MatrixRequest request, Chain next) {
    String endpoint = EndpointName.of(request);
    String host = hostOf(request);
    HttpResult result;
    try {
      result = next.proceed(request);
    } catch (TransportException e) {
      // A request cut short by our own stop says nothing about the server.
      if (!e.wasInterrupted()) {
        outages.failed(host, endpoint, e.reason());
      }
      throw e;
    }
    if (result.ok() && expectsJson(request) && !isJson(result)) {
      result = notJson(result);
    }
    Optional<String> cause = outageCause(host, endpoint, result);
    if (cause.isPresent()) {
      outages.failed(host, endpoint, cause.get());
    } else {
      outages.succeeded(host, endpoint);
    }
    return result;
  }

  private Optional<String> outageCause(String host, String endpoint, HttpResult result) {
    int status = result.status();
    if (status == 429) {
      return Optional.of("rate-limited (HTTP 429" + wait(result) + ")");
    }
    if (status >= 500) {
      return Optional.of(describe(result));
    }
    if ((status == 404 || status == 405)
        && result.error().is("M_UNRECOGNIZED")
        && outages.hasWorked(host, endpoint)) {
      // An endpoint the server served before is unknown now: a downgrade or a proxy rewrite.
      return Optional.of(
          "the server no longer knows this endpoint (HTTP " + status + " M_UNRECOGNIZED)");
    }
    return Optional.empty();
  }

  private static String describe(HttpResult result) {
    if (!isJson(result) && result.body().length > 0) {
      return "HTTP "
          + result.status()
          + " with a "
          + result.header("Content-Type").map(OutageLayer::mediaType).orElse("non-JSON")
          + " page, not a Matrix answer (a proxy in front of the server?)";
    }
    MatrixError error = result.error();
    return "HTTP "
        + result.status()
        + " "
        + error.errcode()
        + error.message().map(m -> " (" + shorten(m) + ")").orElse("");
  }

  private static String wait(HttpResult result) {
    return RateLimits.waitFor(result)
        .map(d -> ", asked to wait " + d.toMillis() + " ms")
        .orElse("");
  }

  /**
   * Client-server answers are JSON, and so is a media upload's; downloads, thumbnails and the SSO
   * redirect page are not.
   */
  private static boolean expectsJson(MatrixRequest request) {
    String path = EndpointName.of(request.target());
    if (path.contains("/download") || path.contains("/thumbnail") || path.contains("/sso/")) {
      return false;
    }
    return path.startsWith("/_matrix/client/") || path.matches("/_matrix/media/[^/]+/upload");
  }

  private static boolean isJson(HttpResult result) {
    if (result.body().length == 0) {
      return true;
    }
    try {
      Json.MAPPER.readTree(result.body());
      return true;
    } catch (JacksonException notJson) {
      return false;
    }
  }

  private static HttpResult notJson(HttpResult result) {
    String type = result.header("Content-Type").map(OutageLayer::mediaType).orElse("no type");
    String error =
        "The server answered HTTP "
            + result.status()
            + " with "
            + type
            + " instead of JSON: something in front of the homeserver answered for it";
    byte[] body = Json.bytes(Map.of("errcode", "M_UNKNOWN", "error", error));
    return new HttpResult(502, Map.of("Content-Type", List.of("application/json")), body);
  }

  private static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .strip()
        .toLowerCase(Locale.ROOT);
  }

  private static String shorten(String text) {
    String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
    return clean.length() > 160 ? clean.substring(0, 160) + "…" : clean;
  }

  private String hostOf(MatrixRequest request) {
    if (request.target().startsWith("/")) {
      return ConnectionProblem.hostOf(base);
    }
    try {
      return ConnectionProblem.hostOf(URI.create(request.target()));
    } catch (IllegalArgumentException odd) {
      return ConnectionProblem.hostOf(base);
    }
  }
}
