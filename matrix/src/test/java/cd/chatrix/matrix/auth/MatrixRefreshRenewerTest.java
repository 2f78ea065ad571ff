package cd.chatrix.matrix.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.matrix.http.ReloginRequiredException;
import cd.chatrix.matrix.http.Transports;
import cd.chatrix.matrix.testing.FakeHttpServer;
import cd.chatrix.matrix.testing.FakeHttpServer.Reply;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MatrixRefreshRenewerTest {
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

  private MatrixRefreshRenewer renewer() {
    return new MatrixRefreshRenewer(transports.plain(hs.baseUri()), Clock.systemUTC());
  }

  @Test
  void keepsTheOldRefreshTokenWhenNoNewOneIsGiven() {
    hs.route(
        "POST /_matrix/client/v3/refresh",
        r -> Reply.json(200, "{\"access_token\":\"new\",\"expires_in_ms\":60000}"));

    Session renewed = renewer().renew(session);

    assertThat(renewed.accessToken()).isEqualTo("new");
    assertThat(renewed.refreshToken()).contains("r1");
    assertThat(renewed.expiresAt()).isPresent();
    assertThat(hs.requests().getFirst().body()).contains("\"refresh_token\":\"r1\"");
    assertThat(hs.requests().getFirst().header("Authorization")).isEmpty();
  }

  @Test
  void aRevokedRefreshTokenMeansLoggingInAgain() {
    hs.route(
        "POST /_matrix/client/v3/refresh",
        r -> Reply.json(401, "{\"errcode\":\"M_UNKNOWN_TOKEN\",\"soft_logout\":false}"));

    assertThatThrownBy(() -> renewer().renew(session)).isInstanceOf(ReloginRequiredException.class);
  }
}
