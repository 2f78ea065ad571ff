package cd.chatrix.matrix.auth;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.matrix.http.MatrixError;
import cd.chatrix.matrix.http.MatrixException;
import cd.chatrix.matrix.http.ReloginRequiredException;
import cd.chatrix.matrix.http.TransportException;
import java.io.IOException;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RenewalFailureTest {
  private static MatrixException answered(int status, String errcode) {
    return new MatrixException(
        "POST /refresh", new MatrixError(status, errcode, "", false, OptionalLong.empty()));
  }

  @Test
  void whatMayPassIsTransient() {
    assertThat(RenewalFailure.of(answered(502, "M_UNKNOWN")).permanent()).isFalse();
    assertThat(RenewalFailure.of(answered(429, "M_LIMIT_EXCEEDED")).permanent()).isFalse();
    assertThat(
            RenewalFailure.of(new TransportException("POST /refresh", new IOException("reset")))
                .permanent())
        .isFalse();
    assertThat(
            RenewalFailure.of(new OAuthTokens.Refused("temporarily_unavailable", "")).permanent())
        .isFalse();
    // A login that the server rate-limits is explained as a LoginException; still transient.
    assertThat(
            RenewalFailure.of(
                    LoginBodies.explain("Password login", answered(429, "M_LIMIT_EXCEEDED")))
                .permanent())
        .isFalse();
  }

  @Test
  void aRefusalIsPermanent() {
    ReloginRequiredException refused =
        new ReloginRequiredException(
            "POST /refresh",
            new MatrixError(401, "M_UNKNOWN_TOKEN", "", false, OptionalLong.empty()));
    assertThat(RenewalFailure.of(refused).permanent()).isTrue();
    assertThat(RenewalFailure.of(answered(403, "M_FORBIDDEN")).permanent()).isTrue();
    assertThat(RenewalFailure.of(new OAuthTokens.Refused("invalid_client", "")).permanent())
        .isTrue();
    assertThat(
            RenewalFailure.of(LoginBodies.explain("Password login", answered(403, "M_FORBIDDEN")))
                .reason())
        .isEqualTo("HTTP 403 M_FORBIDDEN");
  }

  @Test
  void theReasonIsOurWordsNotTheServers() {
    MatrixException withText =
        new MatrixException(
            "POST /refresh",
            new MatrixError(
                500, "M_UNKNOWN", "token syr_secret leaked", false, OptionalLong.empty()));

    assertThat(RenewalFailure.of(withText).reason()).isEqualTo("HTTP 500 M_UNKNOWN");
  }
}
