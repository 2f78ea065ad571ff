package cd.chatrix.app.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RoomsScreenTest {

  @Test
  void listsRoomsWithTheirProperties() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.open('r', "Rooms");
      h.awaitText("!dev:example.org");
      assertThat(h.text())
          .contains("Name", "Room id", "E2EE", "May speak", "Members")
          .contains("Ops", "!ops:example.org", "Dev chat", "12", "2 room(s)")
          .contains("j Join  p Leave");
    }
  }

  @Test
  void emptyListSaysHowToJoin() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.model.rooms = List.of();
      h.open('r', "Rooms");
      h.awaitText("Press j to join one");
    }
  }

  @Test
  void joinAsksForTheRoomAndCallsJoin() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.open('r', "Rooms");
      h.type("j");
      h.awaitText("Room id or alias");
      h.type("#new:example.org");
      h.press(KeyType.Enter);
      h.awaitCall("join #new:example.org");
      h.awaitText("Joined #new:example.org.");
    }
  }

  @Test
  void leaveConfirmsThenLeavesTheSelectedRoom() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.open('r', "Rooms");
      h.awaitText("!dev:example.org");
      h.press(KeyType.ArrowDown);
      h.type("p");
      h.awaitText("Leave Dev chat (!dev:example.org)?");
      h.press(KeyType.ArrowLeft);
      h.press(KeyType.Enter);
      h.awaitCall("leave !dev:example.org");
      assertThat(h.actions.calls).containsExactly("leave !dev:example.org");
    }
  }

  @Test
  void aFailedActionShowsItsReason() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.actions.failure = new IllegalStateException("the homeserver refused: not invited");
      h.open('r', "Rooms");
      h.type("j");
      h.awaitText("Room id or alias");
      h.type("#closed:example.org");
      h.press(KeyType.Enter);
      h.awaitText("the homeserver refused: not invited");
      assertThat(h.console.isOpen()).isTrue();
    }
  }
}
