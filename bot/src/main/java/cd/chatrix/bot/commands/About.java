package cd.chatrix.bot.commands;

import cd.chatrix.bot.Role;
import cd.chatrix.bot.command.CommandSpec;
import cd.chatrix.bot.flow.Command;
import cd.chatrix.bot.flow.CommandContext;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.text.Durations;
import cd.chatrix.bot.text.Reply;
import java.time.Duration;
import java.util.Map;

/** {@code ping}, {@code info} and {@code admins}: what the bot can tell about itself. */
final class About {
  static final Command PING =
      Command.of(
          CommandSpec.of("ping", "", Role.VIEWER, "is Semaphore reachable?", "Checks Semaphore.")
              .reads(),
          About::ping);

  static final Command INFO =
      Command.of(
          CommandSpec.of(
                  "info",
                  "",
                  Role.VIEWER,
                  "bot and Semaphore details",
                  "Versions, uptime, rooms and monitored tasks.")
              .reads(),
          About::info);

  static final Command ADMINS =
      Command.of(
          CommandSpec.of("admins", "", Role.VIEWER, "who administers the bot", "Lists admins.")
              .reads(),
          About::admins);

  private About() {}

  private static void ping(CommandContext ctx) {
    try {
      var info = ctx.services().runner().ping();
      ctx.say(
          Reply.text(
                  ctx.services()
                      .messages()
                      .pick("ping_success", Map.of("name", ctx.message().senderName())))
              .add(info.version().isBlank() ? "" : " (Semaphore " + info.version() + ")"));
    } catch (PortException e) {
      ctx.say(
          "❌ Semaphore does not answer: "
              + e.getMessage()
              + ". Runs and status checks will fail until it is back.");
    }
  }

  private static void info(CommandContext ctx) {
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
    ctx.say(r);
  }

  private static void admins(CommandContext ctx) {
    var admins = ctx.settings().adminUsers();
    if (admins.isEmpty()) {
      ctx.say(
          ctx.settings().denyByDefault()
              ? "No admins are configured, and deny-by-default is on: nobody has admin rights."
              : "No admins are configured, so everyone here has admin rights. Set bot.admin_users to change that.");
      return;
    }
    var r = Reply.text("Admins:").nl();
    admins.stream().sorted().forEach(a -> r.add("• ").user(a).nl());
    ctx.say(r);
  }
}
