package cd.chatrix.matrix.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.matrix.http.Transports;
import cd.chatrix.matrix.testing.FakeHttpServer;
import cd.chatrix.matrix.testing.FakeHttpServer.Reply;
import cd.chatrix.matrix.testing.RecordingSleeper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** auth_metadata, RFC 7591 registration and the RFC 8628 device grant against a scripted server. */
class MatrixOAuthDeviceLoginTest {
  private final FakeHttpServer hs = new FakeHttpServer();
  private final Transports transports = Transports.standard();
  private final RecordingSleeper sleeper = new RecordingSleeper(Duration.ofMillis(5));
  private final AtomicInteger polls = new AtomicInteger();
  private final List<String> shown = new ArrayList<>();

  @BeforeEach
  void script() {
    String base = hs.baseUri().toString();
    hs.route(
        "GET /_matrix/client/v1/auth_metadata",
        r ->
            Reply.json(
                200,
                """
                {"issuer":"%s/","authorization_endpoint":"%s/oauth/auth","token_endpoint":"%s/oauth/token",
                 "registration_endpoint":"%s/oauth/register","device_authorization_endpoint":"%s/oauth/device",
                 "revocation_endpoint":"%s/oauth/revoke","response_types_supported":["code"],
                 "grant_types_supported":["authorization_code","refresh_token","urn:ietf:params:oauth:grant-type:device_code"],
                 "code_challenge_methods_supported":["S256"]}\
                """
                    .formatted(base, base, base, base, base, base)));
    hs.route("POST /oauth/register", r -> Reply.json(201, "{\"client_id\":\"cid-1\"}"));
    hs.route(
        "POST /oauth/device",
        r ->
            Reply.json(
                200,
                """
                {"device_code":"dc","user_code":"ABCD-EFGH","verification_uri":"%s/link",
                 "verification_uri_complete":"%s/link?code=ABCD-EFGH","expires_in":600,"interval":1}\
                """
                    .formatted(base, base)));
    hs.route(
        "POST /oauth/token",
        r ->
            polls.incrementAndGet() < 3
                ? Reply.json(400, "{\"error\":\"authorization_pending\"}")
                : Reply.json(
                    200,
                    "{\"access_token\":\"mat\",\"token_type\":\"Bearer\",\"expires_in\":300,\"refresh_token\":\"mrt\"}"));
    hs.route(
        "GET /_matrix/client/v3/account/whoami",
        r -> Reply.json(200, "{\"user_id\":\"@bot:example.org\",\"device_id\":\"KEEPME\"}"));
  }

  @AfterEach
  void close() {
    transports.close();
    hs.close();
  }

  private MatrixOAuthDeviceLogin login() {
    return new MatrixOAuthDeviceLogin(
        transports.plain(hs.baseUri()), transports.plain(hs.baseUri()), Clock.systemUTC(), sleeper);
  }

  private final MatrixOAuthDeviceLogin.ClientMetadata client =
      new MatrixOAuthDeviceLogin.ClientMetadata("ChatrixCD", URI.create("https://chatrix.cd"));

  @Test
  void registersShowsTheCodeAndPollsUntilApproved() {
    Session session =
        login()
            .login(
                client,
                Optional.empty(),
                Optional.of("KEEPME"),
                (uri, code, complete, expires) ->
                    shown.add(uri + " " + code + " " + complete.orElseThrow()));

    assertThat(shown).singleElement().asString().contains("/link").contains("ABCD-EFGH");
    assertThat(session.accessToken()).isEqualTo("mat");
    assertThat(session.refreshToken()).contains("mrt");
    assertThat(session.deviceId()).isEqualTo("KEEPME");
    assertThat(session.renewal())
        .isEqualTo(new Renewal.OAuth(URI.create(hs.baseUri() + "/oauth/token"), "cid-1", false));
    assertThat(polls).hasValue(3);
    String registration = hs.requests("/oauth/register").getFirst().body();
    assertThat(registration)
        .contains("\"client_uri\":\"https://chatrix.cd\"")
        .contains("urn:ietf:params:oauth:grant-type:device_code")
        .contains("\"token_endpoint_auth_method\":\"none\"");
    String device = hs.requests("/oauth/device").getFirst().body();
    assertThat(java.net.URLDecoder.decode(device, java.nio.charset.StandardCharsets.UTF_8))
        .contains("urn:matrix:client:api:*")
        .contains("urn:matrix:client:device:KEEPME")
        .contains("client_id=cid-1");
    assertThat(sleeper.waits())
        .allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
  }

  @Test
  void reusesAnEarlierRegistration() {
    login().login(client, Optional.of("cid-old"), Optional.of("KEEPME"), (u, c, x, e) -> {});

    assertThat(hs.requests("/oauth/register")).isEmpty();
    assertThat(hs.requests("/oauth/device").getFirst().body()).contains("client_id=cid-old");
  }

  @Test
  void aDeclinedLoginSaysSo() {
    hs.route("POST /oauth/token", r -> Reply.json(400, "{\"error\":\"access_denied\"}"));

    assertThatThrownBy(
            () -> login().login(client, Optional.empty(), Optional.empty(), (u, c, x, e) -> {}))
        .isInstanceOf(LoginException.class)
        .hasMessageContaining("declined");
  }

  @Test
  void slowDownStretchesThePollInterval() {
    AtomicInteger calls = new AtomicInteger();
    hs.route(
        "POST /oauth/token",
        r ->
            calls.incrementAndGet() == 1
                ? Reply.json(400, "{\"error\":\"slow_down\"}")
                : Reply.json(200, "{\"access_token\":\"mat\",\"token_type\":\"Bearer\"}"));

    login().login(client, Optional.empty(), Optional.empty(), (u, c, x, e) -> {});

    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(6));
  }

  @Test
  void serverWithoutOAuthApiIsExplained() {
    hs.route(
        "GET /_matrix/client/v1/auth_metadata",
        r -> Reply.json(404, "{\"errcode\":\"M_UNRECOGNIZED\"}"));

    assertThatThrownBy(
            () -> login().login(client, Optional.empty(), Optional.empty(), (u, c, x, e) -> {}))
        .isInstanceOf(LoginException.class)
        .hasMessageContaining("does not support the Matrix OAuth 2.0 API");
  }

  @Test
  void fallsBackToTheUnstableMetadataPath() {
    String v1 = "GET /_matrix/client/v1/auth_metadata";
    hs.route(
        "GET /_matrix/client/unstable/org.matrix.msc2965/auth_metadata",
        r ->
            Reply.json(
                200,
                """
                {"issuer":"%s/","token_endpoint":"%s/oauth/token","registration_endpoint":"%s/oauth/register",
                 "device_authorization_endpoint":"%s/oauth/device","response_types_supported":["code"]}\
                """
                    .formatted(hs.baseUri(), hs.baseUri(), hs.baseUri(), hs.baseUri())));
    hs.route(v1, r -> Reply.json(404, "{\"errcode\":\"M_UNRECOGNIZED\"}"));

    Session session = login().login(client, Optional.empty(), Optional.empty(), (u, c, x, e) -> {});

    assertThat(hs.requests("/_matrix/client/unstable/org.matrix.msc2965/auth_metadata")).hasSize(1);
    assertThat(session.accessToken()).isEqualTo("mat");
  }
}
