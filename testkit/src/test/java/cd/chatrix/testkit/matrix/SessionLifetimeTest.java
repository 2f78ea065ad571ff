package cd.chatrix.testkit.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Synapse's {@code session_lifetime}: sessions end a while after login, refreshable or not. */
class SessionLifetimeTest {
  private static final String LOGIN = "/_matrix/client/v3/login";
  private static final String WHOAMI = "/_matrix/client/v3/account/whoami";
  private static final String PASSWORD_LOGIN =
      "{\"type\":\"m.login.password\",\"identifier\":{\"type\":\"m.id.user\",\"user\":\"alice\"},"
          + "\"password\":\"alice-pw\",\"device_id\":\"DEV\"";

  private TestHomeserver hs;
  private RawHttp http;

  @BeforeEach
  void start() {
    hs = TestHomeserver.start("example.test", Dialect.SYNAPSE_1_67);
    http = new RawHttp(hs.baseUri());
    hs.registerUser("alice", "alice-pw").close();
  }

  @AfterEach
  void stop() {
    http.close();
    hs.close();
  }

  @Test
  void aPlainLoginGetsATokenThatEndsWithTheSessionAndSaysWhen() throws IOException {
    hs.sessionLifetime(Duration.ofMillis(400));

    JsonNode login = http.post(LOGIN, "", PASSWORD_LOGIN + "}").json();

    assertThat(login.has("refresh_token")).isFalse();
    assertThat(login.path("expires_in_ms").asLong()).isEqualTo(400);
    String token = login.path("access_token").asString();
    assertThat(http.get(WHOAMI, token).status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(5)).until(() -> http.get(WHOAMI, token).status() == 401);
    JsonNode error = http.get(WHOAMI, token).json();
    assertThat(error.path("errcode").asString()).isEqualTo("M_UNKNOWN_TOKEN");
    assertThat(error.path("soft_logout").asBoolean()).isTrue();

    JsonNode again = http.post(LOGIN, "", PASSWORD_LOGIN + "}").json();
    assertThat(http.get(WHOAMI, again.path("access_token").asString()).status()).isEqualTo(200);
    assertThat(hs.devicesOf("@alice:example.test")).containsOnlyOnce("DEV");
  }

  @Test
  void aRefreshableSessionCannotBeRefreshedPastItsEnd() throws IOException {
    hs.sessionLifetime(Duration.ofMillis(400));

    JsonNode login = http.post(LOGIN, "", PASSWORD_LOGIN + ",\"refresh_token\":true}").json();

    // The five-minute refreshable lifetime is cut to the session's end.
    assertThat(login.path("expires_in_ms").asLong()).isEqualTo(400);
    String body = "{\"refresh_token\":\"" + login.path("refresh_token").asString() + "\"}";
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> http.post("/_matrix/client/v1/refresh", "", body).status() == 403);
    assertThat(http.post("/_matrix/client/v1/refresh", "", body).json().path("errcode").asString())
        .isEqualTo("M_FORBIDDEN");
  }
}
