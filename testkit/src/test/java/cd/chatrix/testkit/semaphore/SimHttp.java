package cd.chatrix.testkit.semaphore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bare HTTP helper for simulator tests, so they do not depend on the semaphore module's client.
 */
final class SimHttp implements AutoCloseable {
  static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI base;
  private final String auth;

  SimHttp(URI base, String token) {
    this.base = base;
    this.auth = "Bearer " + token;
  }

  HttpResponse<String> send(String method, String path, String body) {
    return send(method, path, body, auth);
  }

  HttpResponse<String> send(String method, String path, String body, String authorization) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Accept", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  JsonNode getJson(String path) {
    HttpResponse<String> r = send("GET", path, null);
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + path + " answered " + r.statusCode());
    }
    return JSON.readTree(r.body());
  }

  HttpClient client() {
    return http;
  }

  @Override
  public void close() {
    http.shutdownNow();
  }
}
