package cd.chatrix.bot.commands;

import cd.chatrix.bot.Role;
import cd.chatrix.bot.command.CommandSpec;
import cd.chatrix.bot.flow.Command;
import cd.chatrix.bot.flow.CommandContext;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.RoomInfo;
import cd.chatrix.bot.text.Echo;
import cd.chatrix.bot.text.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** {@code rooms [join|leave ROOM]}: the rooms the bot is in; admins make it join or leave one. */
final class Rooms {
  static final Command ROOMS =
      Command.of(
          CommandSpec.of(
                  "rooms",
                  "[join|leave ROOM]",
                  Role.ADMIN,
                  "rooms the bot is in",
                  "Lists rooms and whether the bot may speak there; join or leave one.")
              .readsWhenBare(),
          Rooms::rooms);

  private Rooms() {}

  private static void rooms(CommandContext ctx) {
    var sub = ctx.args().positional(0).map(String::toLowerCase);
    var chat = ctx.services().chat();
    if (sub.isEmpty()) {
      var joined = chat.joinedRooms();
      if (joined.isEmpty()) {
        ctx.say("I'm not in any room.");
        return;
      }
      var r = Reply.text("Rooms I'm in:").nl();
      for (String id : joined) {
        Optional<RoomInfo> info = chat.roomInfo(id);
        boolean allowed = ctx.policy().roomAllowed(id);
        boolean speak = info.map(RoomInfo::maySpeak).orElse(false);
        r.add("• ")
            .bold(
                info.map(RoomInfo::name)
                    .filter(n -> !n.isBlank())
                    .map(Echo::of)
                    .orElse("(no name)"))
            .add(" ")
            .code(id)
            .add(
                " — "
                    + (speak ? "may speak" : "may not speak")
                    + (allowed ? "" : ", commands not allowed here")
                    + (info.map(RoomInfo::encrypted).orElse(false) ? ", encrypted" : ""))
            .nl();
      }
      ctx.say(r);
      return;
    }
    if (!sub.get().equals("join") && !sub.get().equals("leave") && !sub.get().equals("part")) {
      throw ctx.usage("Unknown action \"" + Echo.of(sub.get()) + "\": use join or leave.");
    }
    var target = ctx.args().positional(1).map(t -> roomTarget(ctx, t));
    if (target.isEmpty()) {
      throw ctx.usage("Which room?");
    }
    switch (sub.get()) {
      case "join" -> {
        try {
          String id = chat.join(target.get());
          audit(ctx, "rooms join", target.get(), "joined " + id);
          ctx.say(
              Reply.text("Joined ")
                  .code(id)
                  .add(
                      ctx.policy().roomAllowed(id)
                          ? "."
                          : ", but commands are not allowed there (bot.allowed_rooms)."));
        } catch (PortException e) {
          audit(ctx, "rooms join", target.get(), "failed: " + e.getMessage());
          ctx.say("❌ Could not join " + target.get() + ": " + e.getMessage());
        }
      }
      case "leave", "part" -> {
        try {
          chat.leave(target.get());
          audit(ctx, "rooms leave", target.get(), "left");
          ctx.say(Reply.text("Left ").code(target.get()).add("."));
        } catch (PortException e) {
          ctx.say("❌ Could not leave " + target.get() + ": " + e.getMessage());
        }
      }
      default -> throw new IllegalStateException("checked above: " + sub.get());
    }
  }

  /**
   * A room id ({@code !abc:server}) or alias ({@code #ops:server}) as typed; anything else is
   * refused before the homeserver is asked. The spec's identifier grammar limits both to 255 bytes.
   */
  private static String roomTarget(CommandContext ctx, String typed) {
    boolean shaped =
        (typed.startsWith("!") || typed.startsWith("#"))
            && typed.indexOf(':') > 1
            && typed.getBytes(StandardCharsets.UTF_8).length <= 255
            && typed.codePoints().noneMatch(c -> Character.isWhitespace(c) || c < 0x20);
    if (!shaped) {
      throw ctx.usage(
          "\""
              + Echo.of(typed)
              + "\" is not a room; give its id like !abc:example.org or an alias like"
              + " #ops:example.org.");
    }
    return typed;
  }

  private static void audit(CommandContext ctx, String action, String room, String outcome) {
    ctx.services().audit(ctx.sender(), ctx.room(), action, room, Optional.empty(), outcome);
  }
}
