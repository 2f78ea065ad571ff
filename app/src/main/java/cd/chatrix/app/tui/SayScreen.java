package cd.chatrix.app.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.BorderLayout;
import com.googlecode.lanterna.gui2.Button;
import com.googlecode.lanterna.gui2.Direction;
import com.googlecode.lanterna.gui2.Interactable;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.TextBox;
import com.googlecode.lanterna.gui2.table.Table;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;

/** Pick a room, type a message, send it as the bot. */
final class SayScreen extends ConsoleScreen {
  private final ConsoleContext context;
  private final Table<String> rooms = new Table<>("Room", "Room id", "May speak");
  private final TextBox message = new TextBox(new TerminalSize(60, 1));
  private List<RoomView> shown = List.of();

  SayScreen(ConsoleContext context) {
    super('m', "Say", "Enter Pick room/Send  Tab Next", new BorderLayout());
    this.context = context;
    root.addComponent(rooms, BorderLayout.Location.CENTER);
    Panel compose = new Panel(new LinearLayout(Direction.VERTICAL));
    Panel line = new Panel(new LinearLayout(Direction.HORIZONTAL));
    line.addComponent(new Label("Message:"));
    line.addComponent(message);
    line.addComponent(new Button("Send", this::send));
    compose.addComponent(line);
    root.addComponent(compose, BorderLayout.Location.BOTTOM);
    rooms.setSelectAction(() -> root.getBasePane().setFocusedInteractable(message));
  }

  @Override
  Interactable firstFocus() {
    return rooms;
  }

  @Override
  boolean handle(KeyStroke key) {
    if (key.getKeyType() == KeyType.Enter && message.isFocused()) {
      send();
      return true;
    }
    return false;
  }

  private void send() {
    int row = Rows.selected(rooms);
    String text = message.getText().strip();
    if (row < 0) {
      context.message("Pick a room first (↑↓ in the list, Enter).");
      return;
    }
    if (text.isEmpty()) {
      context.message("Type a message first.");
      return;
    }
    RoomView room = shown.get(row);
    message.setText("");
    context.perform(
        "Sending to " + room.label(), "Sent to " + room.label() + ".", a -> a.say(room.id(), text));
  }

  @Override
  void refresh(ConsoleModel model, ConsoleContext context) {
    List<RoomView> all = model.rooms();
    int idWidth = Math.max(12, context.width() - 40);
    List<List<String>> rows =
        all.stream()
            .map(r ->
                List.of(
                    Rows.clip(r.label(), 22), Rows.clip(r.id(), idWidth), Rows.yesNo(r.maySpeak())))
            .toList();
    context.ui(() -> {
      shown = all;
      Rows.replace(rooms, rows);
    });
  }
}
