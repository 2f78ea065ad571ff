package cd.chatrix.app.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SayScreenTest {

  @Test
  void sendsTheTypedTextToThePickedRoom() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.open('m', "Say");
      h.awaitText("!dev:example.org");
      h.press(KeyType.ArrowDown);
      h.press(KeyType.Enter); // picks the room and moves to the message box
      // Letters that are also shortcuts (r, a, t, q) must be typed, not obeyed.
      h.type("restart at 5, quiet");
      h.awaitText("restart at 5, quiet");
      h.press(KeyType.Enter);
      h.awaitCall("say !dev:example.org restart at 5, quiet");
      h.awaitText("Sent to Dev chat.");
      assertThat(h.text()).contains("│ Say │");
      assertThat(h.actions.calls).containsExactly("say !dev:example.org restart at 5, quiet");
    }
  }

  @Test
  void refusesAnEmptyMessage() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.open('m', "Say");
      h.awaitText("!ops:example.org");
      h.press(KeyType.Enter);
      h.press(KeyType.Enter);
      h.awaitText("Type a message first.");
      assertThat(h.actions.calls).isEmpty();
    }
  }
}
