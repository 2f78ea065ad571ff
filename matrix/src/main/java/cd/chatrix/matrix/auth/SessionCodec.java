package cd.chatrix.matrix.auth;

import cd.chatrix.matrix.http.Json;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Turns a session into one JSON text and back, so a store can keep it in a single column. */
public final class SessionCodec {
  private SessionCodec() {}

  public static String encode(Session s) {
    ObjectNode json = Json.object();
    json.put("homeserver", s.homeserver().toString());
    json.put("user_id", s.userId());
    json.put("device_id", s.deviceId());
    json.put("access_token", s.accessToken());
    s.refreshToken().ifPresent(t -> json.put("refresh_token", t));
    s.expiresAt().ifPresent(t -> json.put("expires_at_ms", t.toEpochMilli()));
    ObjectNode renewal = json.putObject("renewal");
    switch (s.renewal()) {
      case Renewal.None n -> renewal.put("kind", "none");
      case Renewal.MatrixRefresh m -> renewal.put("kind", "matrix");
      case Renewal.OAuth o -> {
        renewal.put("kind", "oauth");
        renewal.put("token_endpoint", o.tokenEndpoint().toString());
        renewal.put("client_id", o.clientId());
        renewal.put("confidential", o.confidential());
      }
    }
    return Json.MAPPER.writeValueAsString(json);
  }

  public static Session decode(String text) {
    JsonNode json = Json.MAPPER.readTree(text);
    JsonNode r = json.path("renewal");
    Renewal renewal =
        switch (Json.text(r, "kind")) {
          case "matrix" -> new Renewal.MatrixRefresh();
          case "oauth" ->
              new Renewal.OAuth(
                  URI.create(Json.text(r, "token_endpoint")),
                  Json.text(r, "client_id"),
                  r.path("confidential").asBoolean(false));
          default -> new Renewal.None();
        };
    String refresh = Json.text(json, "refresh_token");
    long expires = json.path("expires_at_ms").asLong(0);
    return new Session(
        URI.create(Json.text(json, "homeserver")),
        Json.text(json, "user_id"),
        Json.text(json, "device_id"),
        Json.text(json, "access_token"),
        refresh.isEmpty() ? Optional.empty() : Optional.of(refresh),
        expires > 0 ? Optional.of(Instant.ofEpochMilli(expires)) : Optional.empty(),
        renewal);
  }
}
