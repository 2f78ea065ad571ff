package cd.chatrix.bot.flow;

import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.RoomInfo;
import cd.chatrix.bot.store.AuditEntry;
import cd.chatrix.bot.store.PendingAction;
import cd.chatrix.bot.text.Durations;
import cd.chatrix.bot.text.Echo;
import cd.chatrix.bot.text.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

/** {@code admins}, {@code rooms}, {@code audit}, {@code exit}, {@code ping} and {@code info}. */
final class AdminHandler {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  /** Most entries {@code audit N} lists; more would not fit one message anyway. */
  static final int MAX_AUDIT = 999;

  private final Confirmations confirmations;

  AdminHandler(Confirmations confirmations) {
    this.confirmations = confirmations;
  }

  void admins(CommandContext ctx) {
    var admins = ctx.settings().adminUsers();
    if (admins.isEmpty()) {
      ctx.reply(
          ctx.settings().denyByDefault()
              ? "No admins are configured, and deny-by-default is on: nobody has admin rights."
              : "No admins are configured, so everyone here has admin rights. Set bot.admin_users to change that.");
      return;
    }
    var r = Reply.text("Admins:").nl();
    admins.stream().sorted().forEach(a -> r.add("• ").user(a).nl());
    ctx.reply(r);
  }

  void rooms(CommandContext ctx) {
    var sub = ctx.args().positional(0).map(String::toLowerCase);
    var chat = ctx.services().chat();
    if (sub.isEmpty()) {
      var joined = chat.joinedRooms();
      if (joined.isEmpty()) {
        ctx.reply("I'm not in any room.");
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
      ctx.reply(r);
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
          ctx.services()
              .audit(
                  ctx.sender(),
                  ctx.room(),
                  "rooms join",
                  target.get(),
                  Optional.empty(),
                  "joined " + id);
          ctx.reply(
              Reply.text("Joined ")
                  .code(id)
                  .add(
                      ctx.policy().roomAllowed(id)
                          ? "."
                          : ", but commands are not allowed there (bot.allowed_rooms)."));
        } catch (PortException e) {
          ctx.services()
              .audit(
                  ctx.sender(),
                  ctx.room(),
                  "rooms join",
                  target.get(),
                  Optional.empty(),
                  "failed: " + e.getMessage());
          ctx.reply("❌ Could not join " + target.get() + ": " + e.getMessage());
        }
      }
      case "leave", "part" -> {
        try {
          chat.leave(target.get());
          ctx.services()
              .audit(
                  ctx.sender(), ctx.room(), "rooms leave", target.get(), Optional.empty(), "left");
          ctx.reply(Reply.text("Left ").code(target.get()).add("."));
        } catch (PortException e) {
          ctx.reply("❌ Could not leave " + target.get() + ": " + e.getMessage());
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

  void audit(CommandContext ctx) {
    int n = ctx.args().positional(0).map(v -> (int) ctx.number(v, "N", 1, MAX_AUDIT)).orElse(10);
    var entries = ctx.services().stores().audit().recent(n);
    if (entries.isEmpty()) {
      ctx.reply("The audit log is empty.");
      return;
    }
    var r = Reply.text("Last " + entries.size() + " audited actions (newest first):").nl();
    for (AuditEntry e : entries) {
      r.add("• " + TIME.format(e.at()) + " ")
          .user(e.user())
          .add(
              " "
                  + e.action()
                  + " "
                  + Echo.of(e.detail(), Echo.LONG)
                  + e.taskId().map(t -> " [task #" + t + "]").orElse("")
                  + " → "
                  + Echo.of(e.outcome(), Echo.LONG))
          .nl();
    }
    ctx.reply(r);
  }

  void exit(CommandContext ctx) {
    confirmations.ask(
        ctx,
        new PendingAction.Exit(),
        Reply.text("Shut the bot down? It will stop answering until someone restarts it."),
        false);
  }

  void ping(CommandContext ctx) {
    try {
      var info = ctx.services().runner().ping();
      ctx.reply(
          Reply.text(
                  ctx.services()
                      .messages()
                      .pick("ping_success", Map.of("name", ctx.message().senderName())))
              .add(info.version().isBlank() ? "" : " (Semaphore " + info.version() + ")"));
    } catch (PortException e) {
      ctx.reply(
          "❌ Semaphore does not answer: "
              + e.getMessage()
              + ". Runs and status checks will fail until it is back.");
    }
  }

  void info(CommandContext ctx) {
    var s = ctx.services();
    var r = Reply.text("ChatrixCD " + ctx.settings().botVersion()).nl();
    r.add("Up for " + Durations.human(Duration.between(s.startedAt(), s.now()))).nl();
    int rooms;
    try {
      rooms = s.chat().joinedRooms().size();
    } catch (PortException e) {
      rooms = -1;
    }
    r.add("Rooms: " + (rooms < 0 ? "unknown" : Integer.toString(rooms))).nl();
    r.add("Monitored tasks: " + s.stores().runs().active().size()).nl();
    r.add("Pending confirmations: " + s.stores().confirmations().all().size()).nl();
    r.add("Encryption: " + s.e2eeStatus().get()).nl();
    try {
      var runner = s.runner().ping();
      r.add("Semaphore: " + (runner.version().isBlank() ? "reachable" : runner.version()))
          .add(" at ")
          .link(
              runner.url().isBlank() ? ctx.settings().semaphoreUrl() : runner.url(),
              runner.url().isBlank() ? ctx.settings().semaphoreUrl() : runner.url());
    } catch (PortException e) {
      r.add("Semaphore: not reachable (" + e.getMessage() + ")");
    }
    ctx.reply(r);
  }
}
