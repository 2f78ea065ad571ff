package cd.chatrix.app.tui;

import com.googlecode.lanterna.gui2.BorderLayout;
import com.googlecode.lanterna.gui2.Component;
import com.googlecode.lanterna.gui2.Interactable;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.table.Table;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;

/** Joined rooms; join another or leave the selected one. */
final class RoomsScreen implements ConsoleScreen {
  private final ConsoleContext context;
  private final Panel root = new Panel(new BorderLayout());
  private final Table<String> table =
      new Table<>("Name", "Room id", "E2EE", "May speak", "Members");
  private final Label summary = new Label("");
  private List<RoomView> shown = List.of();

  RoomsScreen(ConsoleContext context) {
    this.context = context;
    root.addComponent(table, BorderLayout.Location.CENTER);
    root.addComponent(summary, BorderLayout.Location.BOTTOM);
  }

  @Override
  public char key() {
    return 'r';
  }

  @Override
  public String title() {
    return "Rooms";
  }

  @Override
  public String keys() {
    return "j Join  p Leave";
  }

  @Override
  public Component component() {
    return root;
  }

  @Override
  public Interactable firstFocus() {
    return table;
  }

  @Override
  public boolean handle(KeyStroke key) {
    if (key.getKeyType() != KeyType.Character) {
      return false;
    }
    switch (key.getCharacter()) {
      case 'j' -> join();
      case 'p' -> leave();
      default -> {
        return false;
      }
    }
    return true;
  }

  private void join() {
    context
        .dialogs()
        .prompt(
            "Join a room",
            List.of("Room id or alias"),
            List.of(),
            values -> {
              String room = values.getFirst();
              if (room.isEmpty()) {
                context.message("Nothing joined: type a room id (!…) or alias (#…).");
                return;
              }
              context.perform("Joining " + room, "Joined " + room + ".", a -> a.joinRoom(room));
            });
  }

  private void leave() {
    int row = Rows.selected(table);
    if (row < 0) {
      context.message("No room selected.");
      return;
    }
    RoomView room = shown.get(row);
    context
        .dialogs()
        .confirm(
            "Leave room",
            "Leave " + room.label() + " (" + room.id() + ")?",
            "Leave",
            () ->
                context.perform(
                    "Leaving " + room.label(),
                    "Left " + room.label() + ".",
                    a -> a.leaveRoom(room.id())));
  }

  @Override
  public void refresh(ConsoleModel model, ConsoleContext context) {
    List<RoomView> rooms = model.rooms();
    int idWidth = Math.max(12, context.width() - 50);
    List<List<String>> rows =
        rooms.stream()
            .map(r ->
                List.of(
                    Rows.clip(r.label(), 22),
                    Rows.clip(r.id(), idWidth),
                    Rows.yesNo(r.encrypted()),
                    Rows.yesNo(r.maySpeak()),
                    Integer.toString(r.members())))
            .toList();
    String text =
        rooms.isEmpty()
            ? "The bot is in no rooms yet. Press j to join one."
            : rooms.size() + " room(s)";
    context.ui(() -> {
      shown = rooms;
      Rows.replace(table, rows);
      summary.setText(text);
    });
  }
}
