package cd.chatrix.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The few client-server calls the bench makes on people's behalf, over one shared HTTP/1.1 client
 * (a thousand {@code TestUser}s would each bring their own client and selector thread into the JVM
 * that shares the machine with the bot).
 */
final class BenchMatrixClient implements AutoCloseable {
  private static final String CLIENT = "/_matrix/client/v3";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final URI base;
  private final HttpClient http;
  private final AtomicLong txn = new AtomicLong();

  BenchMatrixClient(URI base) {
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  HttpClient http() {
    return http;
  }

  /** Sends an {@code m.text} message as {@code who} and returns its event id. */
  String sendText(Session who, String roomId, String body) {
    ObjectNode content = JSON.createObjectNode().put("msgtype", "m.text").put("body", body);
    String path =
        CLIENT
            + "/rooms/"
            + enc(roomId)
            + "/send/m.room.message/bench"
            + System.nanoTime()
            + "."
            + txn.incrementAndGet();
    return call(who, "PUT", path, Optional.of(content)).path("event_id").asString();
  }

  /** One /sync for {@code who}; {@code since} empty for the first one. */
  JsonNode sync(Session who, Optional<String> since, String filter, Duration timeout) {
    StringBuilder path = new StringBuilder(CLIENT + "/sync?timeout=").append(timeout.toMillis());
    path.append("&filter=").append(enc(filter));
    since.ifPresent(s -> path.append("&since=").append(enc(s)));
    return call(who, "GET", path.toString(), Optional.empty());
  }

  /** The users joined to a room, as {@code who} (a member) sees it. */
  Set<String> joinedMembers(Session who, String roomId) {
    JsonNode answer =
        call(who, "GET", CLIENT + "/rooms/" + enc(roomId) + "/joined_members", Optional.empty());
    return new HashSet<>(answer.path("joined").propertyNames());
  }

  private JsonNode call(Session who, String method, String path, Optional<JsonNode> body) {
    byte[] bytes = body.map(JSON::writeValueAsBytes).orElse(new byte[0]);
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(90))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + who.accessToken())
            .method(
                method,
                body.isPresent()
                    ? HttpRequest.BodyPublishers.ofByteArray(bytes)
                    : HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(
            method
                + " "
                + path
                + " as "
                + who.userId()
                + " answered "
                + response.statusCode()
                + ": "
                + new String(response.body(), StandardCharsets.UTF_8));
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + " " + path + " was interrupted", e);
    }
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public void close() {
    http.shutdownNow();
  }
}
