package cd.chatrix.testkit.matrix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The HTTP side of a {@link TestUser}: JSON and raw-bytes requests with its access token. */
final class UserHttp implements AutoCloseable {
  static final String CLIENT = "/_matrix/client/v3";

  private final URI base;
  private final HttpClient http;
  private final String token;

  private UserHttp(URI base, HttpClient http, String token) {
    this.base = base;
    this.http = http;
    this.token = token;
  }

  /** A logged-in client and the login answer (user id, device id). */
  record Login(UserHttp http, JsonNode answer) {}

  /** Logs in with a password and returns a client holding the new access token. */
  static Login login(URI base, String user, String password) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    ObjectNode body = Json.object();
    body.put("type", "m.login.password");
    body.putObject("identifier").put("type", "m.id.user").put("user", user);
    body.put("password", password);
    body.put("initial_device_display_name", "test user");
    UserHttp anonymous = new UserHttp(base, http, "");
    JsonNode login = anonymous.json("POST", CLIENT + "/login", Optional.of(body));
    return new Login(new UserHttp(base, http, login.path("access_token").asString()), login);
  }

  String token() {
    return token;
  }

  JsonNode json(String method, String path, Optional<JsonNode> body) {
    byte[] bytes = body.map(Json::bytes).orElse(new byte[0]);
    HttpResponse<byte[]> response = exchange(method, path, bytes, "application/json");
    JsonNode parsed =
        response.body().length == 0 ? Json.object() : Json.MAPPER.readTree(response.body());
    if (response.statusCode() >= 300) {
      throw new MatrixCallException(method, path, response.statusCode(), parsed);
    }
    return parsed;
  }

  /** A request whose answer is not JSON on success (media downloads). */
  byte[] bytes(String method, String path, byte[] body, String contentType) {
    HttpResponse<byte[]> response = exchange(method, path, body, contentType);
    if (response.statusCode() >= 300) {
      JsonNode parsed =
          response.body().length == 0 ? Json.object() : Json.MAPPER.readTree(response.body());
      throw new MatrixCallException(method, path, response.statusCode(), parsed);
    }
    return response.body();
  }

  private HttpResponse<byte[]> exchange(
      String method, String path, byte[] body, String contentType) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", contentType);
    if (!token.isEmpty()) {
      request.header("Authorization", "Bearer " + token);
    }
    request.method(
        method,
        body.length == 0 && !method.equals("POST") && !method.equals("PUT")
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + " " + path + " was interrupted", e);
    }
  }

  static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public void close() {
    http.shutdownNow();
  }
}
