package cd.chatrix.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StartupCheckTest {
  private final StartupCheck check = new StartupCheck();

  @Test
  void unreadyFromTheStartWithWhatItWaitsFor() {
    assertThat(check.check()).containsExactly(CheckResult.failing("startup", "starting"));

    check.waiting("waiting for the homeserver at hs.example (connection refused)");

    assertThat(check.check())
        .containsExactly(
            CheckResult.failing(
                "startup",
                "starting: waiting for the homeserver at hs.example (connection refused)"));
  }

  @Test
  void readyOnceTheBotServes() {
    check.waiting("waiting for the first sync with hs.example");
    check.done();

    assertThat(check.check()).containsExactly(CheckResult.ok("startup"));
  }
}
