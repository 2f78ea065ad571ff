package cd.chatrix.bot.commands;

import cd.chatrix.bot.Role;
import cd.chatrix.bot.command.CommandSpec;
import cd.chatrix.bot.command.Resolver;
import cd.chatrix.bot.flow.Command;
import cd.chatrix.bot.flow.CommandContext;
import cd.chatrix.bot.port.Project;
import cd.chatrix.bot.port.Template;
import cd.chatrix.bot.text.Reply;
import java.util.List;

/** {@code projects} and {@code templates}: what can be run, limited to this room's allow-list. */
final class Catalog {
  static final Command PROJECTS =
      Command.of(
          CommandSpec.of(
                  "projects",
                  "",
                  Role.VIEWER,
                  "list Semaphore projects",
                  "Shows every project the bot can see, with its id.")
              .reads(),
          Catalog::listProjects);

  static final Command TEMPLATES =
      Command.of(
          CommandSpec.of(
                  "templates",
                  "[project]",
                  Role.VIEWER,
                  "list templates of a project",
                  "Project by id or (part of its) name; with only one project it is picked for you.")
              .reads(),
          Catalog::listTemplates);

  private Catalog() {}

  static List<Project> projects(CommandContext ctx) {
    return ctx.services().runner().projects().stream()
        .filter(p -> ctx.policy().projectAllowed(ctx.room(), p.id()))
        .toList();
  }

  static List<Template> templates(CommandContext ctx, Project p) {
    return ctx.services().runner().templates(p.id()).stream()
        .filter(t -> ctx.policy().templateAllowed(ctx.room(), p.id(), t.id()))
        .toList();
  }

  static Project project(CommandContext ctx, String typed, List<Project> all) {
    return Resolver.resolve(
        typed, all, Project::id, Project::name, "project", "See " + ctx.prefix() + " projects.");
  }

  private static void listProjects(CommandContext ctx) {
    // Asked for by name: the list as Semaphore has it now, not as it was kept.
    ctx.services().runner().refreshCatalog();
    var list = projects(ctx);
    if (list.isEmpty()) {
      ctx.say(
          "No projects available here. Create one in Semaphore, or ask an admin which rooms may use which projects.");
      return;
    }
    var r = Reply.text("Projects:").nl();
    for (Project p : list) {
      r.add("• ").bold(p.name()).add(" (id " + p.id() + ")").nl();
    }
    r.add("Next: ").code(ctx.prefix() + " templates PROJECT");
    ctx.say(r);
  }

  private static void listTemplates(CommandContext ctx) {
    ctx.services().runner().refreshCatalog();
    var projects = projects(ctx);
    Project p;
    var arg = ctx.args().positional(0);
    if (arg.isPresent()) {
      p = project(ctx, arg.get(), projects);
    } else if (projects.size() == 1) {
      p = projects.getFirst();
    } else {
      throw ctx.usage(
          projects.isEmpty()
              ? "There are no projects to look into."
              : "Which project? There are " + projects.size() + ".");
    }
    var list = templates(ctx, p);
    if (list.isEmpty()) {
      ctx.say(Reply.text("Project ").bold(p.name()).add(" has no templates available here."));
      return;
    }
    var r = Reply.text("Templates of ").bold(p.name()).add(":").nl();
    for (Template t : list) {
      r.add("• ")
          .bold(t.name())
          .add(" (id " + t.id() + (t.app().isEmpty() ? "" : ", " + t.app()) + ")");
      if (!t.description().isBlank()) {
        r.add(" — " + t.description().replace("¶", " ").strip());
      }
      r.nl();
    }
    r.add("Run one: ").code(ctx.prefix() + " run " + p.id() + " TEMPLATE");
    ctx.say(r);
  }
}
