package cd.chatrix.bot.flow;

import cd.chatrix.bot.Role;
import cd.chatrix.bot.command.Resolver;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.Template;
import cd.chatrix.bot.store.Subscription;
import cd.chatrix.bot.text.Echo;
import cd.chatrix.bot.text.Reply;
import java.util.Map;
import java.util.Optional;

/** {@code aliases}, {@code subscribe}/{@code unsubscribe}, {@code pet} and {@code scold}. */
final class MiscHandler {
  private static final System.Logger LOG = System.getLogger(MiscHandler.class.getName());

  void aliases(CommandContext ctx) {
    var table = ctx.services().aliases();
    var sub = ctx.args().positional(0).map(String::toLowerCase);
    if (sub.isEmpty() || sub.get().equals("list")) {
      var all = table.all();
      if (all.isEmpty()) {
        ctx.reply(
            Reply.text("No shortcuts yet. Admins add them with ")
                .code(ctx.prefix() + " aliases add NAME COMMAND…")
                .add("."));
        return;
      }
      var r = Reply.text("Shortcuts:").nl();
      // Targets are shown whole (at most AliasTable's limit) but with controls made visible.
      all.forEach((k, v) -> r.add("• ").bold(k).add(" → ").code(Echo.visible(v)).nl());
      ctx.reply(r);
      return;
    }
    switch (sub.get()) {
      case "add" -> {
        ctx.require(Role.ADMIN, "add shortcuts");
        var name = ctx.args().positional(1);
        String command = afterWords(ctx.rawArgs(), 2);
        if (name.isEmpty() || command.isBlank()) {
          throw ctx.usage(
              "Give a name and the command it stands for, e.g. aliases add deploy-prod run 1 5.");
        }
        table.add(name.get(), command, ctx.prefix());
        ctx.services()
            .audit(
                ctx.sender(),
                ctx.room(),
                "alias add",
                name.get() + " → " + command,
                Optional.empty(),
                "saved");
        ctx.reply(
            Reply.text("Saved: ")
                .bold(name.get())
                .add(" → ")
                .code(Echo.visible(table.all().get(name.get()))));
      }
      case "remove", "rm", "delete" -> {
        ctx.require(Role.ADMIN, "remove shortcuts");
        var name = ctx.args().positional(1).orElseThrow(() -> ctx.usage("Which shortcut?"));
        boolean removed = table.remove(name);
        ctx.services()
            .audit(
                ctx.sender(),
                ctx.room(),
                "alias remove",
                name,
                Optional.empty(),
                removed ? "removed" : "not found");
        ctx.reply(
            removed
                ? Reply.text("Removed ").bold(name).add(".")
                : Reply.text("There is no shortcut called ").bold(Echo.of(name)).add("."));
      }
      default ->
          throw ctx.usage("Unknown action \"" + Echo.of(sub.get()) + "\": use add or remove.");
    }
  }

  /** The raw text after the first {@code n} words, quotes kept as typed. */
  static String afterWords(String raw, int n) {
    String rest = raw.strip();
    for (int i = 0; i < n && !rest.isEmpty(); i++) {
      int sp = 0;
      while (sp < rest.length() && !Character.isWhitespace(rest.charAt(sp))) sp++;
      rest = rest.substring(sp).strip();
    }
    return rest;
  }

  void subscribe(CommandContext ctx, boolean on) {
    var projects = CatalogHandler.projects(ctx);
    var p =
        CatalogHandler.project(
            ctx, ctx.args().positional(0).orElseThrow(() -> ctx.usage("Which project?")), projects);
    Optional<Template> t =
        ctx.args()
            .positional(1)
            .map(typed ->
                Resolver.resolve(
                    typed,
                    CatalogHandler.templates(ctx, p),
                    Template::id,
                    Template::name,
                    "template",
                    "See " + ctx.prefix() + " templates " + p.id() + "."));
    var rooms = ctx.services().stores().rooms();
    var current = rooms.get(ctx.room());
    String what = p.name() + t.map(x -> " / " + x.name()).orElse("");
    if (on) {
      boolean failuresOnly = ctx.args().flag("failures-only");
      rooms.put(
          current.withSubscription(new Subscription(p.id(), t.map(Template::id), failuresOnly)));
      try {
        ctx.services().runner().followProject(p.id());
      } catch (PortException e) {
        // Saved all the same; the next regular look at Semaphore picks the project up.
        LOG.log(System.Logger.Level.WARNING, "Following project {0}: {1}", p.id(), e.getMessage());
      }
      ctx.services()
          .audit(
              ctx.sender(),
              ctx.room(),
              "subscribe",
              what + (failuresOnly ? " (failures only)" : ""),
              Optional.empty(),
              "saved");
      ctx.reply(
          Reply.text(
                  "🔔 This room will hear about " + (failuresOnly ? "failed " : "") + "tasks of ")
              .bold(what)
              .add(", wherever they are started."));
    } else {
      var next = current.withoutSubscription(p.id(), t.map(Template::id).orElse(null));
      if (next.subscriptions().size() == current.subscriptions().size()) {
        ctx.reply(Reply.text("This room was not subscribed to ").bold(what).add("."));
        return;
      }
      rooms.put(next);
      ctx.services()
          .audit(ctx.sender(), ctx.room(), "unsubscribe", what, Optional.empty(), "removed");
      ctx.reply(Reply.text("🔕 No more announcements for ").bold(what).add(" here."));
    }
  }

  void personality(CommandContext ctx, String category) {
    ctx.reply(
        ctx.services()
            .messages()
            .pick(
                category,
                Map.of(
                    "name", ctx.message().senderName(), "user_name", ctx.message().senderName())));
  }
}
