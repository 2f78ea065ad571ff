package cd.chatrix.matrix.auth;

import cd.chatrix.matrix.http.HttpResult;
import cd.chatrix.matrix.http.HttpTransport;
import cd.chatrix.matrix.http.MatrixException;
import cd.chatrix.matrix.http.MatrixRequest;
import cd.chatrix.matrix.http.ReloginRequiredException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Renews with the Matrix refresh token at {@code POST /refresh}. The endpoint came with spec v1.3
 * under {@code v3}, but servers from before it (Synapse 1.67 among them) serve it only under {@code
 * v1} and answer {@code v3} with 404 {@code M_UNRECOGNIZED}. So the one the server advertises
 * ({@link ServerVersions}) is tried first, the other on 404/405/{@code M_UNRECOGNIZED}, and the one
 * that worked is remembered.
 */
public final class MatrixRefreshRenewer implements TokenRenewer {
  private static final Logger LOG = LoggerFactory.getLogger(MatrixRefreshRenewer.class);
  static final String V3 = "/_matrix/client/v3/refresh";
  static final String V1 = "/_matrix/client/v1/refresh";
  // Attempts (each after a growing pause) before an unknown remembered path counts as gone.
  private static final int EXPLORE_AFTER = 4;

  private final HttpTransport transport;
  private final ServerVersions versions;
  private final Clock clock;
  private volatile Optional<String> working = Optional.empty();
  // Whether any refresh has worked on this server: then "unknown endpoint" is passing trouble.
  private volatile boolean refreshedBefore;
  private volatile int rememberedUnknown;

  /** {@code transport} must not carry the auth layer (refresh is called from inside it). */
  public MatrixRefreshRenewer(HttpTransport transport, ServerVersions versions, Clock clock) {
    this.transport = transport;
    this.versions = versions;
    this.clock = clock;
  }

  @Override
  public Session renew(Session current) {
    String refreshToken =
        current
            .refreshToken()
            .orElseThrow(() -> new LoginException("This session has no refresh token."));
    Optional<MatrixException> unknown = Optional.empty();
    for (String path : order()) {
      MatrixRequest request =
          MatrixRequest.postJson(path, Map.of("refresh_token", refreshToken)).unauthenticated();
      HttpResult result = transport.exchange(request);
      if (unsupported(result)) {
        LOG.debug("{} is not served here (HTTP {})", request, result.status());
        MatrixException notServed = new MatrixException(request.toString(), result.error());
        if (working.equals(Optional.of(path))) {
          // The path that worked is unknown now: a proxy or an upgrade in between, most often
          // briefly. Trying the other path meanwhile would only add a second outage to the log,
          // so that waits until the remembered one has been unknown a few times running.
          if (++rememberedUnknown < EXPLORE_AFTER) {
            throw notServed;
          }
          working = Optional.empty(); // the server changed; ask /versions again
          versions.forget();
          rememberedUnknown = 0;
        }
        if (unknown.isEmpty()) {
          unknown = Optional.of(notServed);
        }
        continue;
      }
      if (result.status() == 401 || result.status() == 403) {
        throw new ReloginRequiredException(request.toString(), result.error());
      }
      JsonNode body = HttpTransport.expectOk(request, result).json();
      String accessToken = body.path("access_token").asString("");
      if (accessToken.isBlank()) {
        throw new RenewalFailure.MalformedAnswer("a refresh answer without an access token");
      }
      working = Optional.of(path);
      refreshedBefore = true;
      rememberedUnknown = 0;
      return current.withTokens(
          accessToken,
          LoginResponses.optionalText(body, "refresh_token"),
          LoginResponses.expiry(body, clock));
    }
    if (refreshedBefore && unknown.isPresent()) {
      // A server that refreshed a moment ago and now knows neither path is being upgraded or has
      // a proxy misrouting it: a passing failure, retried with back-off like any other.
      throw unknown.get();
    }
    throw new LoginException(
        "The homeserver serves neither "
            + V3
            + " nor "
            + V1
            + ", so the session cannot be refreshed.");
  }

  /**
   * The remembered endpoint first, else the advertised one (the spec's {@code v3} when the server
   * does not say), then the other.
   */
  List<String> order() {
    Optional<String> known = working;
    if (known.isPresent()) {
      return known.get().equals(V3) ? List.of(V3, V1) : List.of(V1, V3);
    }
    boolean before13 = !versions.versions().isEmpty() && !versions.atLeast(3);
    return before13 ? List.of(V1, V3) : List.of(V3, V1);
  }

  /** How servers answer an endpoint they do not have (spec: 404/405 with M_UNRECOGNIZED). */
  private static boolean unsupported(HttpResult result) {
    return result.status() == 404
        || result.status() == 405
        || (result.status() == 400 && result.error().is("M_UNRECOGNIZED"));
  }
}
