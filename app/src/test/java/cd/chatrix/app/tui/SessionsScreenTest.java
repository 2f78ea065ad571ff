package cd.chatrix.app.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SessionsScreenTest {

  @Test
  void listsDevicesAndTrust() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.open('v', "Sessions");
      h.awaitText("ALICEPHONE");
      assertThat(h.text())
          .contains("BOTDEV", "verified", "unverified", "Alice's phone", "1 unverified");
    }
  }

  @Test
  void startsVerificationWithTheSelectedDevice() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.open('v', "Sessions");
      h.awaitText("ALICEPHONE");
      h.press(KeyType.ArrowDown);
      h.type("s");
      h.awaitCall("startVerification @alice:example.org ALICEPHONE");
      assertThat(h.actions.calls)
          .containsExactly("startVerification @alice:example.org ALICEPHONE");
    }
  }
}
