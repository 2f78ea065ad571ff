package cd.chatrix.matrix.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.matrix.http.MatrixException;
import cd.chatrix.matrix.http.ReloginRequiredException;
import cd.chatrix.matrix.http.Transports;
import cd.chatrix.matrix.testing.FakeHttpServer;
import cd.chatrix.matrix.testing.FakeHttpServer.Reply;
import cd.chatrix.testkit.matrix.Dialect;
import cd.chatrix.testkit.matrix.TestHomeserver;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MatrixRefreshRenewerTest {
  private static final String VERSIONS_1_2 = "{\"versions\":[\"r0.6.1\",\"v1.1\",\"v1.2\"]}";
  private static final String VERSIONS_1_12 = "{\"versions\":[\"v1.11\",\"v1.12\"]}";

  private final FakeHttpServer hs = new FakeHttpServer();
  private final Transports transports = Transports.standard();
  private final Session session =
      new Session(
          URI.create("http://hs"),
          "@bot:x",
          "DEV",
          "old",
          Optional.of("r1"),
          Optional.empty(),
          new Renewal.MatrixRefresh());

  @AfterEach
  void close() {
    transports.close();
    hs.close();
  }

  private MatrixRefreshRenewer renewer(URI base) {
    return new MatrixRefreshRenewer(
        transports.plain(base), new ServerVersions(transports.plain(base)), Clock.systemUTC());
  }

  private MatrixRefreshRenewer renewer() {
    return renewer(hs.baseUri());
  }

  private long refreshCalls(String path) {
    return hs.requests(path).size();
  }

  @Test
  void keepsTheOldRefreshTokenWhenNoNewOneIsGiven() {
    hs.route("GET /_matrix/client/versions", r -> Reply.json(200, VERSIONS_1_12));
    hs.route(
        "POST /_matrix/client/v3/refresh",
        r -> Reply.json(200, "{\"access_token\":\"new\",\"expires_in_ms\":60000}"));

    Session renewed = renewer().renew(session);

    assertThat(renewed.accessToken()).isEqualTo("new");
    assertThat(renewed.refreshToken()).contains("r1");
    assertThat(renewed.expiresAt()).isPresent();
    var sent = hs.requests(MatrixRefreshRenewer.V3).getFirst();
    assertThat(sent.body()).contains("\"refresh_token\":\"r1\"");
    assertThat(sent.header("Authorization")).isEmpty();
  }

  @Test
  void aServerBeforeSpec13IsAskedUnderV1Only() {
    hs.route("GET /_matrix/client/versions", r -> Reply.json(200, VERSIONS_1_2));
    hs.route(
        "POST /_matrix/client/v1/refresh",
        r -> Reply.json(200, "{\"access_token\":\"new\",\"refresh_token\":\"r2\"}"));

    MatrixRefreshRenewer renewer = renewer();
    renewer.renew(session);
    renewer.renew(session);

    assertThat(refreshCalls(MatrixRefreshRenewer.V1)).isEqualTo(2);
    assertThat(refreshCalls(MatrixRefreshRenewer.V3)).isZero();
    assertThat(hs.requests("/_matrix/client/versions")).hasSize(1);
  }

  @Test
  void fallsBackToTheOtherVersionAndRemembersTheOneThatWorked() {
    // Advertises v1.12 but, like Synapse 1.67 behind a wrong version list, serves refresh only
    // under v1; the unknown route answers 404 M_UNRECOGNIZED.
    hs.route("GET /_matrix/client/versions", r -> Reply.json(200, VERSIONS_1_12));
    hs.route(
        "POST /_matrix/client/v1/refresh",
        r -> Reply.json(200, "{\"access_token\":\"new\",\"refresh_token\":\"r2\"}"));

    MatrixRefreshRenewer renewer = renewer();
    assertThat(renewer.renew(session).accessToken()).isEqualTo("new");
    renewer.renew(session);

    assertThat(refreshCalls(MatrixRefreshRenewer.V3)).isEqualTo(1);
    assertThat(refreshCalls(MatrixRefreshRenewer.V1)).isEqualTo(2);
  }

  @Test
  void a405AlsoMeansTryTheOther() {
    // No version list at all (a 404 is not retried): the spec's v3 first.
    hs.route("POST /_matrix/client/v3/refresh", r -> Reply.json(405, "{}"));
    hs.route("POST /_matrix/client/v1/refresh", r -> Reply.json(200, "{\"access_token\":\"new\"}"));

    assertThat(renewer().renew(session).accessToken()).isEqualTo("new");
  }

  @Test
  void noRefreshEndpointAtAllIsAPermanentFailure() {
    hs.route("GET /_matrix/client/versions", r -> Reply.json(200, VERSIONS_1_12));

    assertThatThrownBy(() -> renewer().renew(session))
        .isInstanceOf(LoginException.class)
        .hasMessageContaining("neither");
  }

  @Test
  void anEndpointThatRefreshedBeforeAndIsUnknownNowIsPassingTrouble() {
    java.util.concurrent.atomic.AtomicBoolean proxyMisroutes =
        new java.util.concurrent.atomic.AtomicBoolean();
    hs.route("GET /_matrix/client/versions", r -> Reply.json(200, VERSIONS_1_12));
    hs.route(
        "POST /_matrix/client/v3/refresh",
        r ->
            proxyMisroutes.get()
                ? Reply.json(404, "{\"errcode\":\"M_UNRECOGNIZED\",\"error\":\"Unrecognized\"}")
                : Reply.json(200, "{\"access_token\":\"new\",\"expires_in_ms\":60000}"));
    MatrixRefreshRenewer renewer = renewer();
    Session renewed = renewer.renew(session);

    proxyMisroutes.set(true);
    assertThatThrownBy(() -> renewer.renew(renewed))
        .isInstanceOf(MatrixException.class)
        .satisfies(e -> assertThat(RenewalFailure.of(e).permanent()).isFalse());
    assertThat(refreshCalls(MatrixRefreshRenewer.V1))
        .as("no second path tried, so no second outage in the log")
        .isZero();

    proxyMisroutes.set(false);
    assertThat(renewer.renew(renewed).accessToken()).isEqualTo("new");
  }

  @Test
  void aRememberedEndpointUnknownSeveralTimesRunningIsGoneAndTheOtherIsTried() {
    java.util.concurrent.atomic.AtomicBoolean upgraded =
        new java.util.concurrent.atomic.AtomicBoolean();
    hs.route("GET /_matrix/client/versions", r -> Reply.json(200, VERSIONS_1_12));
    hs.route(
        "POST /_matrix/client/v3/refresh",
        r ->
            upgraded.get()
                ? Reply.json(404, "{\"errcode\":\"M_UNRECOGNIZED\",\"error\":\"Unrecognized\"}")
                : Reply.json(200, "{\"access_token\":\"v3\",\"expires_in_ms\":60000}"));
    hs.route(
        "POST /_matrix/client/v1/refresh",
        r -> Reply.json(200, "{\"access_token\":\"v1\",\"expires_in_ms\":60000}"));
    MatrixRefreshRenewer renewer = renewer();
    Session renewed = renewer.renew(session);
    upgraded.set(true);

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> renewer.renew(renewed)).isInstanceOf(MatrixException.class);
    }
    assertThat(renewer.renew(renewed).accessToken()).isEqualTo("v1");
  }

  @Test
  void aServerErrorIsNotMistakenForAMissingEndpoint() {
    hs.route("GET /_matrix/client/versions", r -> Reply.json(200, VERSIONS_1_12));
    hs.route(
        "POST /_matrix/client/v3/refresh",
        r -> Reply.json(502, "<html>Bad gateway</html>").withHeader("Content-Type", "text/html"));

    assertThatThrownBy(() -> renewer().renew(session))
        .isInstanceOf(MatrixException.class)
        .satisfies(e -> assertThat(RenewalFailure.of(e).permanent()).isFalse());
    assertThat(refreshCalls(MatrixRefreshRenewer.V1)).isZero();
  }

  @Test
  void anAnswerWithoutATokenIsATransientFailure() {
    hs.route("GET /_matrix/client/versions", r -> Reply.json(200, VERSIONS_1_12));
    hs.route("POST /_matrix/client/v3/refresh", r -> Reply.json(200, "{\"hello\":1}"));

    assertThatThrownBy(() -> renewer().renew(session))
        .satisfies(e -> assertThat(RenewalFailure.of(e).permanent()).isFalse());
  }

  @Test
  void aRevokedRefreshTokenMeansLoggingInAgain() {
    hs.route("GET /_matrix/client/versions", r -> Reply.json(200, VERSIONS_1_12));
    hs.route(
        "POST /_matrix/client/v3/refresh",
        r -> Reply.json(401, "{\"errcode\":\"M_UNKNOWN_TOKEN\",\"soft_logout\":false}"));

    assertThatThrownBy(() -> renewer().renew(session)).isInstanceOf(ReloginRequiredException.class);
  }

  @Test
  void refreshesOnTheSynapse167Dialect() {
    try (TestHomeserver synapse = TestHomeserver.start("localhost", Dialect.SYNAPSE_1_67)) {
      synapse.registerUser("bot", "pw");
      Session first =
          new LoginTokenLogin(transports.plain(synapse.baseUri()), Clock.systemUTC())
              .login(synapse.issueLoginToken("@bot:localhost"), Optional.of("DEV"), "bot");
      synapse.clearRequests();

      Session renewed = renewer(synapse.baseUri()).renew(first);

      assertThat(renewed.accessToken()).isNotEqualTo(first.accessToken());
      assertThat(renewed.deviceId()).isEqualTo("DEV");
      assertThat(synapse.requests())
          .noneMatch(r -> r.toString().contains("/v3/refresh"))
          .anyMatch(r -> r.toString().contains("/v1/refresh"));
    }
  }
}
