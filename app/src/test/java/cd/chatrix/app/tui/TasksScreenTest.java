package cd.chatrix.app.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TasksScreenTest {

  @Test
  void listsRunningAndRecentRuns() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.open('t', "Tasks");
      h.awaitText("Deploy web");
      assertThat(h.text())
          .contains("#42", "running", "#41", "Backup", "success", "1 running, 1 finished");
    }
  }

  @Test
  void stopAsksForConfirmationFirst() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.open('t', "Tasks");
      h.awaitText("Deploy web");
      h.type("s");
      h.awaitText("Stop task #42 (Deploy web)?");
      h.press(KeyType.Enter); // "No" has focus
      h.awaitNoText("Stop task #42");
      assertThat(h.actions.calls).isEmpty();
      h.type("s");
      h.awaitText("Stop task #42 (Deploy web)?");
      h.press(KeyType.ArrowLeft);
      h.press(KeyType.Enter);
      h.awaitCall("stopTask 42");
      assertThat(h.actions.calls).containsExactly("stopTask 42");
    }
  }

  @Test
  void aFinishedRunCannotBeStopped() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.open('t', "Tasks");
      h.awaitText("Backup");
      h.press(KeyType.ArrowDown);
      h.type("s");
      h.awaitText("Task #41 has already finished (success).");
      assertThat(h.actions.calls).isEmpty();
    }
  }
}
