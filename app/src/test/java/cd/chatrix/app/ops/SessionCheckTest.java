package cd.chatrix.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.matrix.MatrixClient;
import cd.chatrix.matrix.auth.LoginMethod;
import cd.chatrix.matrix.http.MatrixRequest;
import cd.chatrix.matrix.http.ReloginRequiredException;
import cd.chatrix.testkit.matrix.TestHomeserver;
import cd.chatrix.testkit.matrix.TestUser;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionCheckTest {

  @Test
  void readyWhileTheSessionLivesAndNotOnceItEnded() {
    try (TestHomeserver hs = TestHomeserver.start();
        MatrixClient client = MatrixClient.builder(hs.baseUri()).build()) {
      TestUser bot = hs.registerUser("bot", "pw");
      // A ready-made token: nothing the bot could renew it with.
      client.login(new LoginMethod.AccessToken(bot.accessToken()));
      SessionCheck check = new SessionCheck(client::sessionEnded);
      assertThat(check.check()).containsExactly(CheckResult.ok("matrix_session"));

      bot.call("POST", "/_matrix/client/v3/logout", null);
      assertThatThrownBy(
              () -> client.api().call(MatrixRequest.get("/_matrix/client/v3/account/whoami")))
          .isInstanceOf(ReloginRequiredException.class);

      assertThat(check.check())
          .singleElement()
          .satisfies(r -> {
            assertThat(r.ok()).isFalse();
            assertThat(r.name()).isEqualTo("matrix_session");
            assertThat(r.reason()).contains("M_UNKNOWN_TOKEN").contains("restart the bot");
            assertThat(r.reason()).doesNotContain(bot.accessToken());
          });
    }
  }

  @Test
  void showsTheReasonItIsGiven() {
    SessionCheck check = new SessionCheck(() -> Optional.of("the session ended"));

    assertThat(check.check())
        .containsExactly(CheckResult.failing("matrix_session", "the session ended"));
  }
}
