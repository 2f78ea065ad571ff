package cd.chatrix.bot.commands;

import cd.chatrix.bot.Role;
import cd.chatrix.bot.command.CommandSpec;
import cd.chatrix.bot.command.Resolver;
import cd.chatrix.bot.command.UsageException;
import cd.chatrix.bot.flow.Command;
import cd.chatrix.bot.flow.CommandContext;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.Project;
import cd.chatrix.bot.port.Template;
import cd.chatrix.bot.store.Subscription;
import cd.chatrix.bot.text.Reply;
import java.util.Optional;
import java.util.Set;

/**
 * {@code subscribe} and {@code unsubscribe}: a room hears of tasks of a project (or one of its
 * templates) wherever they are started, Semaphore's own UI included.
 */
final class Subscriptions {
  private static final System.Logger LOG = System.getLogger(Subscriptions.class.getName());

  static final Command SUBSCRIBE =
      Command.of(
          CommandSpec.of(
                  "subscribe",
                  "PROJECT [TEMPLATE] [--failures-only]",
                  Role.OPERATOR,
                  "announce tasks started anywhere",
                  "Posts tasks of a project (or one template) here even when started outside chat.")
              .options(Set.of(), Set.of("failures-only")),
          Subscriptions::subscribe);

  static final Command UNSUBSCRIBE =
      Command.of(
          CommandSpec.of(
              "unsubscribe",
              "PROJECT [TEMPLATE]",
              Role.OPERATOR,
              "stop announcing tasks",
              "Removes a subscription of this room."),
          Subscriptions::unsubscribe);

  private Subscriptions() {}

  /** The project, and the template if one was named, that the command is about. */
  private record Target(Project project, Optional<Template> template) {
    String what() {
      return project.name() + template.map(x -> " / " + x.name()).orElse("");
    }
  }

  /** The target; a name or id not found is looked for once more after the runner re-reads. */
  private static Target target(CommandContext ctx) {
    try {
      return lookUp(ctx);
    } catch (UsageException e) {
      if (!ctx.services().runner().refreshCatalog()) {
        throw e;
      }
      return lookUp(ctx);
    }
  }

  private static Target lookUp(CommandContext ctx) {
    var projects = Catalog.projects(ctx);
    var p =
        Catalog.project(
            ctx, ctx.args().positional(0).orElseThrow(() -> ctx.usage("Which project?")), projects);
    Optional<Template> t =
        ctx.args()
            .positional(1)
            .map(typed ->
                Resolver.resolve(
                    typed,
                    Catalog.templates(ctx, p),
                    Template::id,
                    Template::name,
                    "template",
                    "See " + ctx.prefix() + " templates " + p.id() + "."));
    return new Target(p, t);
  }

  private static void subscribe(CommandContext ctx) {
    var target = target(ctx);
    var p = target.project();
    var t = target.template();
    String what = target.what();
    var rooms = ctx.services().stores().rooms();
    var current = rooms.get(ctx.room());
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
    ctx.say(
        Reply.text("🔔 This room will hear about " + (failuresOnly ? "failed " : "") + "tasks of ")
            .bold(what)
            .add(", wherever they are started."));
  }

  private static void unsubscribe(CommandContext ctx) {
    var target = target(ctx);
    String what = target.what();
    var rooms = ctx.services().stores().rooms();
    var current = rooms.get(ctx.room());
    var next =
        current.withoutSubscription(
            target.project().id(), target.template().map(Template::id).orElse(null));
    if (next.subscriptions().size() == current.subscriptions().size()) {
      ctx.say(Reply.text("This room was not subscribed to ").bold(what).add("."));
      return;
    }
    rooms.put(next);
    ctx.services()
        .audit(ctx.sender(), ctx.room(), "unsubscribe", what, Optional.empty(), "removed");
    ctx.say(Reply.text("🔕 No more announcements for ").bold(what).add(" here."));
  }
}
