package cd.chatrix.app.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What every list screen gets from {@link ListScreen}, seen through the rooms and tasks lists. */
@Timeout(60)
class ListScreenTest {

  @Test
  void lettersAScreenDoesNotBindStillReachTheGlobalShortcuts() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.open('r', "Rooms");
      h.open('t', "Tasks"); // Rooms binds only j and p
      h.open('x', "Aliases"); // Tasks binds only s
      assertThat(h.actions.calls).isEmpty();
    }
  }

  @Test
  void anActionWithNothingSelectedSaysSoAndDoesNothing() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.model.rooms = List.of();
      h.model.tasks = List.of();
      h.open('r', "Rooms");
      h.awaitText("The bot is in no rooms yet");
      h.type("p");
      h.awaitText("No room selected.");
      h.open('t', "Tasks");
      h.awaitText("No task runs yet.");
      h.type("s");
      h.awaitText("No task selected.");
      assertThat(h.text()).doesNotContain("Stop task");
      assertThat(h.actions.calls).isEmpty();
    }
  }

  @Test
  void anActionGetsTheItemItsRowShowsNowAfterTheListChanged() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.open('r', "Rooms");
      h.awaitText("!dev:example.org");
      h.press(KeyType.ArrowDown); // the second row: Dev chat
      h.model.rooms = List.of(h.model.rooms.get(1), h.model.rooms.get(0), extraRoom());
      h.awaitText("3 room(s)");
      h.type("p");
      h.awaitText("Leave Ops (!ops:example.org)?");
      h.press(KeyType.ArrowLeft);
      h.press(KeyType.Enter);
      h.awaitCall("leave !ops:example.org");
      assertThat(h.actions.calls).containsExactly("leave !ops:example.org");
    }
  }

  private static RoomView extraRoom() {
    return new RoomView("!new:example.org", "New", false, true, 1);
  }
}
