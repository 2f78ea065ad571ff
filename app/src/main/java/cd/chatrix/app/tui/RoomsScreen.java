package cd.chatrix.app.tui;

import java.util.List;

/** Joined rooms; join another or leave the selected one. */
final class RoomsScreen extends ListScreen<RoomView> {

  RoomsScreen(ConsoleContext context) {
    super(context, 'r', "Rooms", "Name", "Room id", "E2EE", "May speak", "Members");
    on('j', "Join", this::join);
    on('p', "Leave", this::leave);
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
    withSelected(
        "No room selected.",
        room ->
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
                            a -> a.leaveRoom(room.id()))));
  }

  @Override
  public void refresh(ConsoleModel model, ConsoleContext context) {
    List<RoomView> rooms = model.rooms();
    int idWidth = Math.max(12, context.width() - 50);
    show(
        rooms,
        r ->
            List.of(
                Rows.clip(r.label(), 22),
                Rows.clip(r.id(), idWidth),
                Rows.yesNo(r.encrypted()),
                Rows.yesNo(r.maySpeak()),
                Integer.toString(r.members())),
        rooms.isEmpty()
            ? "The bot is in no rooms yet. Press j to join one."
            : rooms.size() + " room(s)");
  }
}
