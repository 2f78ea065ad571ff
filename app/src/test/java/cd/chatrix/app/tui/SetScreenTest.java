package cd.chatrix.app.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SetScreenTest {

  @Test
  void showsCurrentValuesAndAppliesOnlyWhatChanged() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.open('e', "Set");
      h.awaitText("!cd");
      assertThat(h.text()).contains("INFO", "[x]", "10");
      h.press(KeyType.Tab); // greetings
      h.press(KeyType.Tab); // poll interval
      h.press(KeyType.Tab); // prefix
      for (int i = 0; i < 3; i++) {
        h.press(KeyType.Backspace);
      }
      h.type("!ci");
      h.press(KeyType.Tab); // Apply
      h.press(KeyType.Enter);
      h.awaitCall("setCommandPrefix !ci");
      h.awaitText("Settings applied.");
      assertThat(h.actions.calls).containsExactly("setCommandPrefix !ci");
    }
  }

  @Test
  void togglesGreetingsAndRejectsABadInterval() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.open('e', "Set");
      h.awaitText("!cd");
      h.press(KeyType.Tab);
      h.type(" ");
      h.awaitText("[ ]");
      h.press(KeyType.Tab);
      h.press(KeyType.Backspace);
      h.press(KeyType.Backspace);
      h.type("0");
      h.press(KeyType.Tab);
      h.press(KeyType.Tab);
      h.press(KeyType.Enter);
      h.awaitText("enter a whole number of seconds");
      assertThat(h.actions.calls).isEmpty();
      h.press(KeyType.ReverseTab);
      h.press(KeyType.ReverseTab);
      h.press(KeyType.Backspace);
      h.type("30");
      h.press(KeyType.Tab);
      h.press(KeyType.Tab);
      h.press(KeyType.Enter);
      h.awaitCall("setPollInterval 30");
      assertThat(h.actions.calls)
          .containsExactlyInAnyOrder("setGreetings false", "setPollInterval 30");
    }
  }
}
