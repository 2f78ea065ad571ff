package cd.chatrix.testkit.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Profile and presence of a user the path names: served for a known user, 404 for any other. */
class ProfileEndpointsTest {
  private TestHomeserver hs;
  private TestUser alice;
  private HttpClient http;

  @BeforeEach
  void start() {
    hs = TestHomeserver.start("localhost", Dialect.CURRENT);
    alice = hs.registerUser("alice", "pw");
    http = HttpClient.newHttpClient();
  }

  @AfterEach
  void stop() {
    http.shutdownNow();
    hs.close();
  }

  @Test
  void aKnownUsersProfileAndPresenceAreServed() throws Exception {
    assertThat(put("profile/" + path(alice.userId()) + "/displayname", "{\"displayname\":\"Ops\"}"))
        .isEqualTo(200);
    assertThat(put("presence/" + path(alice.userId()) + "/status", "{\"presence\":\"online\"}"))
        .isEqualTo(200);

    HttpResponse<String> profile = get("profile/" + path(alice.userId()));
    HttpResponse<String> presence = get("presence/" + path(alice.userId()) + "/status");

    assertThat(profile.statusCode()).isEqualTo(200);
    assertThat(json(profile).path("displayname").asString()).isEqualTo("Ops");
    assertThat(presence.statusCode()).isEqualTo(200);
    assertThat(json(presence).path("presence").asString()).isEqualTo("online");
  }

  @Test
  void anUnknownUserIsNotFound() throws Exception {
    String nobody = path("@nobody:localhost");

    for (HttpResponse<String> r :
        List.of(get("profile/" + nobody), get("presence/" + nobody + "/status"))) {
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(json(r).path("errcode").asString()).isEqualTo("M_NOT_FOUND");
    }
  }

  private static String path(String userId) {
    return URLEncoder.encode(userId, StandardCharsets.UTF_8);
  }

  private static JsonNode json(HttpResponse<String> r) {
    return RawHttp.JSON.readTree(r.body());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        request(path).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private int put(String path, String body) throws IOException, InterruptedException {
    return http.send(
            request(path).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(hs.baseUri().resolve("/_matrix/client/v3/" + path))
        .header("Authorization", "Bearer " + alice.accessToken())
        .header("Content-Type", "application/json");
  }
}
