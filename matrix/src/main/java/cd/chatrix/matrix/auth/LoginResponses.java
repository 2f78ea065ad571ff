package cd.chatrix.matrix.auth;

import cd.chatrix.matrix.http.HttpTransport;
import cd.chatrix.matrix.http.Json;
import cd.chatrix.matrix.http.MatrixException;
import cd.chatrix.matrix.http.MatrixRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads the answer of {@code POST /login} (and of {@code /refresh}) into session fields. */
final class LoginResponses {
  private LoginResponses() {}

  /**
   * Sends a {@code POST /login} body without a token and reads the session; a refusal becomes a
   * {@link LoginException} that names {@code what} and says what to do.
   */
  static Session login(HttpTransport transport, ObjectNode body, Clock clock, String what) {
    try {
      return session(
          transport.baseUri(),
          transport.call(
              MatrixRequest.postJson("/_matrix/client/v3/login", body).unauthenticated()),
          clock);
    } catch (MatrixException e) {
      throw LoginBodies.explain(what, e);
    }
  }

  static Session session(URI homeserver, JsonNode body, Clock clock) {
    String userId = Json.text(body, "user_id");
    String deviceId = Json.text(body, "device_id");
    String accessToken = Json.text(body, "access_token");
    if (userId.isEmpty() || accessToken.isEmpty() || deviceId.isEmpty()) {
      throw new LoginException(
          "The homeserver's login answer lacks user_id, device_id or access_token; it may not"
              + " follow the Matrix specification.");
    }
    Optional<String> refresh = optionalText(body, "refresh_token");
    return new Session(
        homeserver,
        userId,
        deviceId,
        accessToken,
        refresh,
        expiry(body, clock),
        refresh.isPresent() ? new Renewal.MatrixRefresh() : new Renewal.None());
  }

  static Optional<Instant> expiry(JsonNode body, Clock clock) {
    long ms = body.path("expires_in_ms").asLong(-1);
    return ms > 0 ? Optional.of(clock.instant().plus(Duration.ofMillis(ms))) : Optional.empty();
  }

  static Optional<String> optionalText(JsonNode body, String field) {
    String value = Json.text(body, field);
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
