package cd.chatrix.app.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class OperatorConsoleTest {

  @Test
  void homeShowsTheMenuAndTheLiveStatus() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.awaitText("@bot:example.org");
      String text = h.text();
      assertThat(text)
          .contains("Menu", "r  Rooms", "t  Tasks", "c  Show config")
          .contains("connected", "BOTDEV", "reachable · v2.10.22", "cross-signed", "1h 02m")
          .contains("Commands   42");
    }
  }

  @Test
  void statusPanelUpdatesInPlaceWhenTheModelChanges() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.awaitText("Commands   42");
      h.model.status = FakeConsoleModel.status(StatusSnapshot.ConnectionState.RECONNECTING, 43);
      h.awaitText("Commands   43");
      assertThat(h.text()).contains("reconnecting").doesNotContain("Commands   42");
    }
  }

  @Test
  void helpBarFitsAt80By24() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.awaitText("q Quit");
      List<String> lines = h.lines();
      assertThat(lines).hasSize(24);
      assertThat(lines.get(23)).isEqualTo(OperatorConsole.NAVIGATION);
      assertThat(lines.get(22)).contains("Esc Home", "q Quit");
      assertThat(OperatorConsole.NAVIGATION.length()).isLessThanOrEqualTo(80);
    }
  }

  @Test
  void everyScreenOpensByItsLetterAndEscGoesHome() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      String[][] screens = {
        {"r", "Rooms"},
        {"a", "Admins"},
        {"v", "Sessions"},
        {"m", "Say"},
        {"l", "Logs"},
        {"t", "Tasks"},
        {"x", "Aliases"},
        {"e", "Set"},
        {"c", "Show config"}
      };
      for (String[] screen : screens) {
        h.open(screen[0].charAt(0), screen[1]);
        assertThat(h.lines().get(23)).isEqualTo(OperatorConsole.NAVIGATION);
        h.press(KeyType.Escape);
        h.awaitText("│ Home │");
      }
    }
  }

  @Test
  void menuOpensTheChosenScreenWithArrowsAndEnter() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.press(KeyType.ArrowDown);
      h.press(KeyType.Enter);
      h.awaitText("│ Admins │");
    }
  }

  @Test
  void aMouseClickOnTheMenuOpensTheScreen() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      int row = rowStarting(h, "a  Admins");
      var at = new com.googlecode.lanterna.TerminalPosition(1, row);
      h.terminal.addInput(
          new com.googlecode.lanterna.input.MouseAction(
              com.googlecode.lanterna.input.MouseActionType.CLICK_DOWN, 1, at));
      h.terminal.addInput(
          new com.googlecode.lanterna.input.MouseAction(
              com.googlecode.lanterna.input.MouseActionType.CLICK_RELEASE, 1, at));
      h.awaitText("│ Admins │");
    }
  }

  private static int rowStarting(ConsoleHarness h, String prefix) {
    List<String> lines = h.lines();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    throw new AssertionError("no row starts with " + prefix + ":\n" + h.text());
  }

  @Test
  void ctrlCAsksBeforeQuitting() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.terminal.addInput(new com.googlecode.lanterna.input.KeyStroke('c', true, false));
      h.awaitText("Stop the bot and quit?");
      h.press(KeyType.Escape);
      h.awaitNoText("Stop the bot and quit?");
      assertThat(h.actions.calls).isEmpty();
      assertThat(h.console.isOpen()).isTrue();
    }
  }

  @Test
  void closeGivesTheTerminalBackWithoutStoppingTheBot() throws Exception {
    ConsoleHarness h = new ConsoleHarness();
    h.close();
    assertThat(h.console.awaitExit(ConsoleHarness.WAIT)).isTrue();
    assertThat(h.actions.calls).isEmpty();
    h.close();
  }

  @Test
  void resizeRedrawsAndComesBack() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.open('r', "Rooms");
      h.terminal.setTerminalSize(new TerminalSize(100, 30));
      h.awaitText("!dev:example.org");
      h.awaitHelpBarOnLastRow(30);
      h.terminal.setTerminalSize(new TerminalSize(80, 24));
      h.awaitHelpBarOnLastRow(24);
      assertThat(h.text()).contains("Dev chat");
      assertThat(h.console.isOpen()).isTrue();
    }
  }

  @Test
  void quitAsksFirstThenStopsTheBotAndClosesTheScreen() throws Exception {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.type("q");
      h.awaitText("Stop the bot and quit?");
      h.press(KeyType.Enter); // focus starts on "No"
      h.awaitNoText("Stop the bot and quit?");
      assertThat(h.actions.calls).doesNotContain("quit");
      h.type("q");
      h.awaitText("Stop the bot and quit?");
      h.press(KeyType.ArrowLeft);
      h.press(KeyType.Enter);
      assertThat(h.console.awaitExit(ConsoleHarness.WAIT)).isTrue();
      assertThat(h.actions.calls).containsExactly("quit");
      assertThat(h.console.isOpen()).isFalse();
    }
  }

  @Test
  void theQuitDialogMentionsTheGoodbyeOnlyWhenGreetingsAreOn() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.type("q");
      h.awaitText("Stop the bot and quit? It says goodbye in its rooms first.");
      h.press(KeyType.Enter); // "No"
      h.awaitNoText("Stop the bot and quit?");
      h.model.settings =
          new RuntimeSettings("INFO", false, java.time.Duration.ofSeconds(10), "!cd");
      h.type("q");
      h.awaitText("Stop the bot and quit?");
      assertThat(h.text()).doesNotContain("goodbye");
      h.press(KeyType.Enter);
      h.awaitNoText("Stop the bot and quit?");
    }
  }
}
