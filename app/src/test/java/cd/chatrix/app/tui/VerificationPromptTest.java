package cd.chatrix.app.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class VerificationPromptTest {
  private static final List<VerificationView.Emoji> SEVEN =
      List.of(
          new VerificationView.Emoji("🐶", "Dog"),
          new VerificationView.Emoji("🔑", "Key"),
          new VerificationView.Emoji("🦁", "Lion"),
          new VerificationView.Emoji("🐎", "Horse"),
          new VerificationView.Emoji("🦄", "Unicorn"),
          new VerificationView.Emoji("🐷", "Pig"),
          new VerificationView.Emoji("🐘", "Elephant"));

  private static Optional<VerificationView> phase(VerificationView.Phase phase) {
    return Optional.of(
        new VerificationView(
            "tx1",
            "@alice:example.org",
            "ALICEPHONE",
            phase,
            phase == VerificationView.Phase.COMPARE ? SEVEN : List.of()));
  }

  @Test
  void showsTheSevenEmojiAndMatchConfirms() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.open('v', "Sessions");
      h.model.verification = phase(VerificationView.Phase.COMPARE);
      h.awaitText("Elephant");
      String text = h.text();
      for (VerificationView.Emoji e : SEVEN) {
        assertThat(text).contains(e.symbol()).contains(e.name());
      }
      assertThat(text).contains("Match", "No match", "ALICEPHONE");
      h.press(KeyType.Enter); // focus starts on Match
      h.awaitCall("confirmVerification tx1");
      h.awaitNoText("Elephant");
      assertThat(h.actions.calls).containsExactly("confirmVerification tx1");
    }
  }

  @Test
  void noMatchCancels() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.model.verification = phase(VerificationView.Phase.COMPARE);
      h.awaitText("Elephant");
      h.press(KeyType.Tab);
      h.press(KeyType.Enter);
      h.awaitCall("cancelVerification tx1");
      assertThat(h.actions.calls).doesNotContain("confirmVerification tx1");
    }
  }

  @Test
  void anAnsweredStepIsNotAskedAgainWhileTheModelCatchesUp() throws Exception {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.model.verification = phase(VerificationView.Phase.COMPARE);
      h.awaitText("Elephant");
      h.press(KeyType.Enter);
      h.awaitCall("confirmVerification tx1");
      h.awaitNoText("Elephant");
      h.model.status = FakeConsoleModel.status(StatusSnapshot.ConnectionState.CONNECTED, 99);
      h.awaitText("Commands   99"); // at least one more poll has happened
      assertThat(h.text()).doesNotContain("Elephant");
      h.model.verification = phase(VerificationView.Phase.DONE);
      h.awaitText("Verified @alice:example.org / ALICEPHONE.");
    }
  }

  @Test
  void anIncomingRequestCanBeAccepted() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.model.verification = phase(VerificationView.Phase.REQUESTED);
      h.awaitText("asks to verify the bot");
      h.press(KeyType.Enter);
      h.awaitCall("acceptVerification tx1");
    }
  }

  @Test
  void waitingCanBeCancelledAndACancelShowsAMessage() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.model.verification = phase(VerificationView.Phase.WAITING);
      h.awaitText("Waiting for ALICEPHONE to answer");
      h.press(KeyType.Enter);
      h.awaitCall("cancelVerification tx1");
      h.model.verification = phase(VerificationView.Phase.CANCELLED);
      h.awaitText("Verification with ALICEPHONE was cancelled.");
    }
  }
}
