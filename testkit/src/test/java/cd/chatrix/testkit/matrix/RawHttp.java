package cd.chatrix.testkit.matrix;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A bare HTTP client for tests that need status codes and headers, not just JSON. */
final class RawHttp implements AutoCloseable {
  static final JsonMapper JSON = JsonMapper.builder().build();

  record Response(int status, JsonNode json, HttpResponse<byte[]> raw) {}

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  RawHttp(URI base) {
    this.base = base;
  }

  Response send(String method, String path, String token, String body) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    if (!token.isEmpty()) {
      request.header("Authorization", "Bearer " + token);
    }
    request.header("Content-Type", "application/json");
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      JsonNode json =
          response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")
                  && response.body().length > 0
              ? JSON.readTree(response.body())
              : JSON.createObjectNode();
      return new Response(response.statusCode(), json, response);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  Response get(String path, String token) throws IOException {
    return send("GET", path, token, null);
  }

  Response post(String path, String token, String body) throws IOException {
    return send("POST", path, token, body);
  }

  Response put(String path, String token, String body) throws IOException {
    return send("PUT", path, token, body);
  }

  @Override
  public void close() {
    http.shutdownNow();
  }
}
