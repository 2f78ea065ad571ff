package cd.chatrix.testkit.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LoginEndpointsTest {
  private static final String LOGIN = "/_matrix/client/v3/login";
  private static final String WHOAMI = "/_matrix/client/v3/account/whoami";

  private TestHomeserver hs;
  private RawHttp http;

  @BeforeEach
  void start() {
    hs = TestHomeserver.start("example.test", Dialect.CURRENT); // asserts the current spec
    http = new RawHttp(hs.baseUri());
    hs.registerUser("alice", "alice-pw").close();
  }

  @AfterEach
  void stop() {
    http.close();
    hs.close();
  }

  private static String passwordLogin(String user, String password, String extra) {
    return "{\"type\":\"m.login.password\",\"identifier\":{\"type\":\"m.id.user\",\"user\":\""
        + user
        + "\"},\"password\":\""
        + password
        + "\""
        + extra
        + "}";
  }

  @Test
  void discoveryAdvertisesBaseUrlVersionsAndLoginFlows() throws IOException {
    JsonNode wellKnown = http.get("/.well-known/matrix/client", "").json();
    assertThat(wellKnown.path("m.homeserver").path("base_url").asString())
        .isEqualTo(hs.baseUri().toString());
    JsonNode versions = http.get("/_matrix/client/versions", "").json();
    assertThat(versions.path("versions").valueStream().map(JsonNode::asString))
        .contains("v1.1", "r0.6.1");
    JsonNode flows = http.get(LOGIN, "").json();
    assertThat(flows.path("flows").valueStream().map(f -> f.path("type").asString()))
        .containsExactly("m.login.password", "m.login.token");
    assertThat(http.get("/_matrix/client/v1/auth_metadata", "").status()).isEqualTo(404);
  }

  @Test
  void passwordLoginAcceptsLocalpartAndFullIdAndRejectsWrongPassword() throws IOException {
    RawHttp.Response ok = http.post(LOGIN, "", passwordLogin("alice", "alice-pw", ""));
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().path("user_id").asString()).isEqualTo("@alice:example.test");
    assertThat(ok.json().has("refresh_token")).isFalse();
    RawHttp.Response full =
        http.post(LOGIN, "", passwordLogin("@alice:example.test", "alice-pw", ""));
    assertThat(full.status()).isEqualTo(200);
    RawHttp.Response wrong = http.post(LOGIN, "", passwordLogin("alice", "nope", ""));
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(wrong.json().path("errcode").asString()).isEqualTo("M_FORBIDDEN");
  }

  @Test
  void loginWithAKnownDeviceIdKeepsThatDevice() throws IOException {
    JsonNode first =
        http.post(LOGIN, "", passwordLogin("alice", "alice-pw", ",\"device_id\":\"BOTDEVICE\""))
            .json();
    JsonNode second =
        http.post(LOGIN, "", passwordLogin("alice", "alice-pw", ",\"device_id\":\"BOTDEVICE\""))
            .json();
    assertThat(first.path("device_id").asString()).isEqualTo("BOTDEVICE");
    assertThat(second.path("device_id").asString()).isEqualTo("BOTDEVICE");
    JsonNode devices =
        http.get("/_matrix/client/v3/devices", second.path("access_token").asString()).json();
    assertThat(
            devices
                .path("devices")
                .valueStream()
                .filter(d -> d.path("device_id").asString().equals("BOTDEVICE")))
        .hasSize(1);
  }

  @Test
  void loginTokenWorksOnce() throws IOException {
    String token = hs.issueLoginToken("@alice:example.test");
    String body = "{\"type\":\"m.login.token\",\"token\":\"" + token + "\"}";
    RawHttp.Response first = http.post(LOGIN, "", body);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().path("user_id").asString()).isEqualTo("@alice:example.test");
    RawHttp.Response again = http.post(LOGIN, "", body);
    assertThat(again.status()).isEqualTo(403);
  }

  @Test
  void refreshFlowReplacesExpiringTokens() throws IOException {
    hs.accessTokenLifetime(Duration.ofMillis(300));
    JsonNode login =
        http.post(LOGIN, "", passwordLogin("alice", "alice-pw", ",\"refresh_token\":true")).json();
    assertThat(login.path("expires_in_ms").asLong()).isEqualTo(300);
    String refresh = login.path("refresh_token").asString();
    assertThat(refresh).isNotEmpty();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> http.get(WHOAMI, login.path("access_token").asString()).status() == 401);
    JsonNode expired = http.get(WHOAMI, login.path("access_token").asString()).json();
    assertThat(expired.path("errcode").asString()).isEqualTo("M_UNKNOWN_TOKEN");
    assertThat(expired.path("soft_logout").asBoolean()).isTrue();

    hs.accessTokenLifetime(Duration.ofHours(1));
    RawHttp.Response refreshed =
        http.post("/_matrix/client/v3/refresh", "", "{\"refresh_token\":\"" + refresh + "\"}");
    assertThat(refreshed.status()).isEqualTo(200);
    String newAccess = refreshed.json().path("access_token").asString();
    assertThat(refreshed.json().path("expires_in_ms").asLong()).isEqualTo(3_600_000);
    JsonNode me = http.get(WHOAMI, newAccess).json();
    assertThat(me.path("device_id").asString()).isEqualTo(login.path("device_id").asString());
    RawHttp.Response reuse =
        http.post("/_matrix/client/v3/refresh", "", "{\"refresh_token\":\"" + refresh + "\"}");
    assertThat(reuse.status())
        .as("old refresh token after the new access token was used")
        .isEqualTo(401);
    assertThat(reuse.json().path("soft_logout").asBoolean(true)).isFalse();
  }

  @Test
  void registrationRunsDummyAuthAndRefusesTakenNames() throws IOException {
    String request = "{\"username\":\"newbie\",\"password\":\"pw\"";
    RawHttp.Response challenge = http.post("/_matrix/client/v3/register", "", request + "}");
    assertThat(challenge.status()).isEqualTo(401);
    assertThat(challenge.json().path("flows").get(0).path("stages").get(0).asString())
        .isEqualTo("m.login.dummy");
    assertThat(challenge.json().path("session").asString()).isNotEmpty();
    RawHttp.Response done =
        http.post(
            "/_matrix/client/v3/register", "", request + ",\"auth\":{\"type\":\"m.login.dummy\"}}");
    assertThat(done.status()).isEqualTo(200);
    assertThat(done.json().path("user_id").asString()).isEqualTo("@newbie:example.test");
    RawHttp.Response taken =
        http.post(
            "/_matrix/client/v3/register", "", request + ",\"auth\":{\"type\":\"m.login.dummy\"}}");
    assertThat(taken.json().path("errcode").asString()).isEqualTo("M_USER_IN_USE");
  }

  @Test
  void logoutKillsTheTokenAndWhoamiNamesTheDevice() throws IOException {
    JsonNode login = http.post(LOGIN, "", passwordLogin("alice", "alice-pw", "")).json();
    String token = login.path("access_token").asString();
    JsonNode me = http.get(WHOAMI, token).json();
    assertThat(me.path("user_id").asString()).isEqualTo("@alice:example.test");
    assertThat(me.path("device_id").asString()).isEqualTo(login.path("device_id").asString());
    assertThat(http.post("/_matrix/client/v3/logout", token, "{}").status()).isEqualTo(200);
    RawHttp.Response after = http.get(WHOAMI, token);
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.json().path("soft_logout").asBoolean(true)).isFalse();
  }

  @Test
  void ssoRedirectReturnsToTheClientWithALoginToken() throws Exception {
    String redirect =
        "/_matrix/client/v3/login/sso/redirect?redirectUrl="
            + TestUser.enc("http://127.0.0.1:9/callback");
    assertThat(http.get(redirect, "").status()).as("SSO is off until enabled").isEqualTo(404);
    hs.enableSso("@alice:example.test");
    JsonNode flows = http.get(LOGIN, "").json();
    JsonNode sso =
        flows
            .path("flows")
            .valueStream()
            .filter(f -> f.path("type").asString().equals("m.login.sso"))
            .findFirst()
            .orElseThrow();
    String idp = sso.path("identity_providers").get(0).path("id").asString();
    RawHttp.Response response =
        http.get(
            "/_matrix/client/v3/login/sso/redirect/"
                + idp
                + "?redirectUrl="
                + TestUser.enc("http://127.0.0.1:9/callback"),
            "");
    assertThat(response.status()).isEqualTo(302);
    java.net.URI location =
        java.net.URI.create(response.raw().headers().firstValue("Location").orElseThrow());
    assertThat(location.getPath()).isEqualTo("/callback");
    String token = location.getQuery().substring("loginToken=".length());
    RawHttp.Response login =
        http.post(LOGIN, "", "{\"type\":\"m.login.token\",\"token\":\"" + token + "\"}");
    assertThat(login.json().path("user_id").asString()).isEqualTo("@alice:example.test");
  }

  @Test
  void devicesOfListsTheUsersDevices() throws IOException {
    http.post(LOGIN, "", passwordLogin("alice", "alice-pw", ",\"device_id\":\"STABLE\""));
    http.post(LOGIN, "", passwordLogin("alice", "alice-pw", ",\"device_id\":\"STABLE\""));
    assertThat(hs.devicesOf("@alice:example.test")).containsOnlyOnce("STABLE").hasSize(2);
  }
}
