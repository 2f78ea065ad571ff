package cd.chatrix.app.boot.startup;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.config.MatrixConfig;
import cd.chatrix.app.config.Secret;
import cd.chatrix.matrix.auth.LoginException;
import cd.chatrix.matrix.http.MatrixError;
import cd.chatrix.matrix.http.MatrixException;
import cd.chatrix.matrix.http.TransportException;
import cd.chatrix.semaphore.SemaphoreException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Which failures wait and which end start-up. The exceptions are the client modules' own types,
 * built as they build them (the end-to-end cases run in {@code StartupWaitTest}).
 */
class FailuresTest {
  private final MatrixFailures matrix = new MatrixFailures(passwordLogin(), "matrix.example.org");

  private static MatrixConfig passwordLogin() {
    return new MatrixConfig(
        "https://matrix.example.org",
        "@chatrixcd:example.org",
        "",
        "ChatrixCD",
        MatrixConfig.AuthType.PASSWORD,
        Secret.of("a-password"),
        Secret.NONE,
        Secret.NONE,
        "https://id.example.org",
        "chatrixcd",
        Secret.NONE,
        List.of("openid"),
        "http://localhost:8080/callback",
        Path.of("store"),
        true,
        MatrixConfig.TrustPolicy.ALL,
        Secret.NONE);
  }

  private static MatrixException answer(int status, String errcode) {
    return new MatrixException(
        "POST /_matrix/client/v3/login",
        new MatrixError(status, errcode, "", false, OptionalLong.empty()));
  }

  @Test
  void aServerThatIsUnwellIsWaitedFor() {
    assertThat(matrix.classify(answer(502, "M_UNKNOWN")))
        .isEqualTo(new Verdict.Wait("it answered HTTP 502", answer(502, "M_UNKNOWN").getMessage()));
    assertThat(matrix.classify(answer(429, "M_LIMIT_EXCEEDED"))).isInstanceOf(Verdict.Wait.class);
    // A reverse proxy answers 404 while the homeserver behind it restarts.
    assertThat(matrix.classify(answer(404, "M_UNRECOGNIZED"))).isInstanceOf(Verdict.Wait.class);
  }

  @Test
  void noConnectionIsWaitedForEvenInsideALoginError() {
    TransportException noConnection =
        new TransportException("GET /_matrix/client/versions", new ConnectException());
    Verdict verdict =
        matrix.classify(new LoginException("Cannot reach the homeserver.", noConnection));
    assertThat(verdict)
        .isInstanceOfSatisfying(
            Verdict.Wait.class, wait -> assertThat(wait.cause()).isEqualTo("connection refused"));
  }

  @Test
  void refusedCredentialsNameTheKeyToFix() {
    assertThat(matrix.classify(new LoginException("failed", answer(403, "M_FORBIDDEN"))))
        .isInstanceOfSatisfying(
            Verdict.Refuse.class,
            r ->
                assertThat(r.whatToFix())
                    .contains("matrix.password")
                    .contains("matrix.example.org"));
    assertThat(matrix.classify(answer(403, "M_USER_DEACTIVATED")))
        .isInstanceOfSatisfying(
            Verdict.Refuse.class, r -> assertThat(r.whatToFix()).contains("matrix.user_id"));
  }

  @Test
  void anIdentityProviderThatIsUnwellIsWaitedForButARefusalIsNot() {
    assertThat(
            matrix.classify(
                new LoginException(
                    "The identity provider refused the client credentials (server_error).")))
        .isInstanceOf(Verdict.Wait.class);
    assertThat(
            matrix.classify(
                new LoginException(
                    "The identity provider refused the client credentials (invalid_client).")))
        .isInstanceOfSatisfying(
            Verdict.Refuse.class,
            r -> assertThat(r.whatToFix()).contains("matrix.oidc_client_secret"));
  }

  @Test
  void anUnexpectedErrorFailsTheStart() {
    assertThat(matrix.classify(new IllegalStateException("a bug")))
        .isInstanceOf(Verdict.Fail.class);
  }

  @Test
  void semaphoreRefusingTheTokenNamesTheKeyAndItsAbsenceIsWaitedFor() {
    SemaphoreFailures token = new SemaphoreFailures("ci.example.org", false);
    SemaphoreFailures login = new SemaphoreFailures("ci.example.org", true);
    SemaphoreException.Unauthorized refused = new SemaphoreException.Unauthorized("401");

    assertThat(token.classify(refused))
        .isInstanceOfSatisfying(
            Verdict.Refuse.class,
            r ->
                assertThat(r.whatToFix())
                    .contains("semaphore.api_token")
                    .contains("ci.example.org"));
    assertThat(login.classify(refused))
        .isInstanceOfSatisfying(
            Verdict.Refuse.class, r -> assertThat(r.whatToFix()).contains("semaphore.password"));
    assertThat(token.classify(new SemaphoreException.Rejected(403, "", "forbidden")))
        .isInstanceOf(Verdict.Refuse.class);
    assertThat(
            token.classify(
                new SemaphoreException.Unreachable(
                    "down", new ConnectException("Connection refused"))))
        .isEqualTo(new Verdict.Wait("connection refused", "down"));
    assertThat(token.classify(new SemaphoreException.ServerError(503, "busy")))
        .isInstanceOf(Verdict.Wait.class);
  }
}
