package cd.chatrix.testkit.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The test homeserver speaking as a named real server: what differs, and what does not. */
class DialectTest {
  private static final String LOGIN = "/_matrix/client/v3/login";
  private static final String REFRESHABLE_LOGIN =
      "{\"type\":\"m.login.password\",\"identifier\":{\"type\":\"m.id.user\",\"user\":\"alice\"},"
          + "\"password\":\"alice-pw\",\"refresh_token\":true}";

  @Test
  void synapse167AdvertisesSpecVersionsUpToV12Only() throws IOException {
    try (TestHomeserver hs = TestHomeserver.start("example.test", Dialect.SYNAPSE_1_67);
        RawHttp http = new RawHttp(hs.baseUri())) {
      JsonNode versions = http.get("/_matrix/client/versions", "").json();
      assertThat(versions.path("versions").valueStream().map(JsonNode::asString))
          .contains("r0.0.1", "r0.6.1", "v1.1", "v1.2")
          .doesNotContain("v1.3", "v1.12");
    }
  }

  @Test
  void synapse167ServesRefreshUnderV1OnlyAndGivesFiveMinuteTokens() throws IOException {
    try (TestHomeserver hs = TestHomeserver.start("example.test", Dialect.SYNAPSE_1_67);
        RawHttp http = new RawHttp(hs.baseUri())) {
      hs.registerUser("alice", "alice-pw").close();
      JsonNode login = http.post(LOGIN, "", REFRESHABLE_LOGIN).json();
      assertThat(login.path("expires_in_ms").asLong()).isEqualTo(300_000);
      String body = "{\"refresh_token\":\"" + login.path("refresh_token").asString() + "\"}";

      for (String version : new String[] {"v3", "r0", "unstable"}) {
        RawHttp.Response refused = http.post("/_matrix/client/" + version + "/refresh", "", body);
        // Synapse before 1.74 answers unknown endpoints with 400, not 404 (http/server.py).
        assertThat(refused.status()).as(version).isEqualTo(400);
        assertThat(refused.json().path("errcode").asString()).isEqualTo("M_UNRECOGNIZED");
        assertThat(refused.json().path("error").asString()).isEqualTo("Unrecognized request");
      }

      RawHttp.Response v1 = http.post("/_matrix/client/v1/refresh", "", body);
      assertThat(v1.status()).isEqualTo(200);
      assertThat(v1.json().path("access_token").asString()).isNotEmpty();
    }
  }

  @Test
  void synapse167GivesLoginsWithoutRefreshTokensTokensThatDoNotExpire() throws IOException {
    try (TestHomeserver hs = TestHomeserver.start("example.test", Dialect.SYNAPSE_1_67);
        RawHttp http = new RawHttp(hs.baseUri())) {
      hs.registerUser("alice", "alice-pw").close();
      JsonNode login =
          http.post(LOGIN, "", REFRESHABLE_LOGIN.replace(",\"refresh_token\":true", "")).json();
      assertThat(login.has("expires_in_ms")).isFalse();
      assertThat(login.has("refresh_token")).isFalse();
    }
  }

  @Test
  void currentServesRefreshUnderV3NotV1AndAdvertisesNewVersions() throws IOException {
    try (TestHomeserver hs = TestHomeserver.start("example.test", Dialect.CURRENT);
        RawHttp http = new RawHttp(hs.baseUri())) {
      hs.registerUser("alice", "alice-pw").close();
      JsonNode versions = http.get("/_matrix/client/versions", "").json();
      assertThat(versions.path("versions").valueStream().map(JsonNode::asString))
          .contains("v1.3", "v1.12");
      JsonNode login = http.post(LOGIN, "", REFRESHABLE_LOGIN).json();
      String body = "{\"refresh_token\":\"" + login.path("refresh_token").asString() + "\"}";
      RawHttp.Response v1 = http.post("/_matrix/client/v1/refresh", "", body);
      assertThat(v1.status()).isEqualTo(404);
      assertThat(v1.json().path("errcode").asString()).isEqualTo("M_UNRECOGNIZED");
      RawHttp.Response v3 = http.post("/_matrix/client/v3/refresh", "", body);
      assertThat(v3.status()).isEqualTo(200);
      assertThat(v3.json().path("access_token").asString()).isNotEmpty();
    }
  }

  @Test
  void dialectsAreNamedAndTheDefaultComesFromTheSystemProperty() {
    assertThat(Dialect.named("Synapse-1.67")).isSameAs(Dialect.SYNAPSE_1_67);
    assertThatThrownBy(() -> Dialect.named("dendrite-0.1"))
        .hasMessageContaining("unknown homeserver dialect")
        .hasMessageContaining("synapse-1.67");
    String before = System.getProperty(Dialect.PROPERTY);
    try {
      System.setProperty(Dialect.PROPERTY, "synapse-1.67");
      assertThat(Dialect.fromSystemProperty()).isSameAs(Dialect.SYNAPSE_1_67);
      System.clearProperty(Dialect.PROPERTY);
      assertThat(Dialect.fromSystemProperty()).isSameAs(Dialect.CURRENT);
    } finally {
      if (before != null) {
        System.setProperty(Dialect.PROPERTY, before);
      }
    }
  }
}
