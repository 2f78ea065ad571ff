package cd.chatrix.app.tui;

import java.util.List;

/** Joined rooms; join another or leave the selected one. */
final class RoomsScreen extends ListScreen<RoomView> {
  private final ConsoleContext context;

  RoomsScreen(ConsoleContext context) {
    super(
        'r',
        "Rooms",
        "j Join  p Leave",
        ConsoleModel::rooms,
        "Name",
        "Room id",
        "E2EE",
        "May speak",
        "Members");
    this.context = context;
    on('j', this::join);
    on('p', this::leave);
  }

  @Override
  List<String> row(RoomView r, int width) {
    int idWidth = Math.max(12, width - 50);
    return List.of(
        Rows.clip(r.label(), 22),
        Rows.clip(r.id(), idWidth),
        Rows.yesNo(r.encrypted()),
        Rows.yesNo(r.maySpeak()),
        Integer.toString(r.members()));
  }

  @Override
  String summary(List<RoomView> rooms) {
    return rooms.isEmpty()
        ? "The bot is in no rooms yet. Press j to join one."
        : rooms.size() + " room(s)";
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
    selected(context, "No room selected.")
        .ifPresent(room ->
            context.confirmThenPerform(
                "Leave room",
                "Leave " + room.label() + " (" + room.id() + ")?",
                "Leave",
                "Leaving " + room.label(),
                "Left " + room.label() + ".",
                a -> a.leaveRoom(room.id())));
  }
}
