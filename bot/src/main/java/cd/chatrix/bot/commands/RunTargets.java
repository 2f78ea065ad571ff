package cd.chatrix.bot.commands;

import cd.chatrix.bot.command.Numbers;
import cd.chatrix.bot.command.Resolver;
import cd.chatrix.bot.command.UsageException;
import cd.chatrix.bot.flow.CommandContext;
import cd.chatrix.bot.flow.Picks;
import cd.chatrix.bot.port.Project;
import cd.chatrix.bot.port.Template;
import cd.chatrix.bot.text.Echo;
import cd.chatrix.bot.text.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which project and template a {@code run} means: by id, by name (any case, a unique prefix, or
 * words each starting a word of the name); when it cannot tell, a numbered list to pick from, whose
 * choices are the same command with the id filled in and the options kept.
 */
final class RunTargets {
  private final Picks picks;

  RunTargets(Picks picks) {
    this.picks = picks;
  }

  /**
   * The project the command means; empty when it cannot tell and has offered a numbered list, or
   * when nothing matches and the list of all is offered instead.
   */
  Optional<Project> project(CommandContext ctx, List<Project> projects, List<String> pos) {
    return project(ctx, projects, pos, false);
  }

  private Optional<Project> project(
      CommandContext ctx, List<Project> projects, List<String> pos, boolean reread) {
    if (projects.isEmpty() && !reread && refreshed(ctx)) {
      return project(ctx, Catalog.projects(ctx), pos, true);
    }
    if (projects.isEmpty()) {
      throw new UsageException("There are no projects this room may use.");
    }
    if (projects.size() == 1) {
      Project only = projects.getFirst();
      if (!pos.isEmpty()
          && (pos.getFirst().equals(Long.toString(only.id()))
              || pos.getFirst().equalsIgnoreCase(only.name()))) {
        pos.removeFirst();
      }
      return Optional.of(only);
    }
    if (pos.isEmpty()) {
      offer(ctx, Reply.text("Which project?"), projects, Project::name, Project::id, pos, false);
      return Optional.empty();
    }
    String typed = pos.getFirst();
    var hit = Resolver.tryResolve(typed, projects, Project::id, Project::name);
    if (hit.isPresent()) {
      pos.removeFirst();
      return hit;
    }
    boolean missing =
        Numbers.looksLikeId(typed) || Resolver.candidates(typed, projects, Project::name).isEmpty();
    if (missing && !reread && refreshed(ctx)) {
      return project(ctx, Catalog.projects(ctx), pos, true);
    }
    if (Numbers.looksLikeId(typed)) {
      return Optional.of(Catalog.project(ctx, pos.removeFirst(), projects));
    }
    var some = Resolver.candidates(typed, projects, Project::name);
    var question =
        some.isEmpty()
            ? Reply.text("No project matches \"" + Echo.of(typed) + "\". Which one?")
            : Reply.text("\"" + Echo.of(typed) + "\" matches several projects. Which one?");
    offer(ctx, question, some.isEmpty() ? projects : some, Project::name, Project::id, pos, true);
    return Optional.empty();
  }

  /** Like {@link #project}, for the template; with one template a leftover word is a tag. */
  Optional<Template> template(
      CommandContext ctx, Project project, List<Template> templates, List<String> pos) {
    return template(ctx, project, templates, pos, false);
  }

  private Optional<Template> template(
      CommandContext ctx,
      Project project,
      List<Template> templates,
      List<String> pos,
      boolean reread) {
    if (templates.isEmpty() && !reread && refreshed(ctx)) {
      return template(ctx, project, Catalog.templates(ctx, project), pos, true);
    }
    if (templates.isEmpty()) {
      throw new UsageException(
          "Project " + project.name() + " has no templates this room may run.");
    }
    // The command as it would read with the project named by id: what a picked number continues.
    var withProject = new ArrayList<String>();
    withProject.add(Long.toString(project.id()));
    withProject.addAll(pos);
    if (!pos.isEmpty()) {
      String typed = pos.getFirst();
      var hit = Resolver.tryResolve(typed, templates, Template::id, Template::name);
      if (hit.isPresent()) {
        pos.removeFirst();
        return hit;
      }
      // With one template, a leftover word is a tag; but a number is surely a template id.
      if (templates.size() == 1 && !typed.matches("#?\\d+")) {
        return Optional.of(templates.getFirst());
      }
      boolean missing =
          Numbers.looksLikeId(typed)
              || Resolver.candidates(typed, templates, Template::name).isEmpty();
      if (missing && !reread && refreshed(ctx)) {
        return template(ctx, project, Catalog.templates(ctx, project), pos, true);
      }
      if (Numbers.looksLikeId(typed)) {
        return Optional.of(
            Resolver.resolve(
                pos.removeFirst(),
                templates,
                Template::id,
                Template::name,
                "template",
                "See " + ctx.prefix() + " templates " + project.id() + "."));
      }
      var some = Resolver.candidates(typed, templates, Template::name);
      var question =
          some.isEmpty()
              ? Reply.text("No template of ")
                  .bold(project.name())
                  .add(" matches \"" + Echo.of(typed) + "\". Which one?")
              : Reply.text("\"" + Echo.of(typed) + "\" matches several templates of ")
                  .bold(project.name())
                  .add(". Which one?");
      offerTemplates(ctx, question, some.isEmpty() ? templates : some, withProject, true);
      return Optional.empty();
    }
    if (templates.size() == 1) {
      return Optional.of(templates.getFirst());
    }
    offerTemplates(
        ctx,
        Reply.text("Which template of ").bold(project.name()).add("?"),
        templates,
        withProject,
        false);
    return Optional.empty();
  }

  /**
   * A name or id the lists do not hold may be new in Semaphore (it says nothing when a template is
   * added): the runner drops its copies, and true means the caller should look once more.
   */
  private static boolean refreshed(CommandContext ctx) {
    return ctx.services().runner().refreshCatalog();
  }

  private void offerTemplates(
      CommandContext ctx,
      Reply question,
      List<Template> some,
      List<String> withProject,
      boolean replacesTyped) {
    // The project stays first; the template takes the place of the word typed for it, if any.
    var rest = new ArrayList<>(withProject.subList(1, withProject.size()));
    if (replacesTyped && !rest.isEmpty()) {
      rest.removeFirst();
    }
    var choices = new ArrayList<Picks.Choice>();
    for (Template t : some) {
      var words = new ArrayList<String>();
      words.add(withProject.getFirst());
      words.add(Long.toString(t.id()));
      words.addAll(rest);
      choices.add(new Picks.Choice(t.name() + " (" + t.id() + ")", command(ctx, words)));
    }
    picks.offer(ctx, question, choices);
  }

  private <T> void offer(
      CommandContext ctx,
      Reply question,
      List<T> some,
      java.util.function.Function<T, String> name,
      java.util.function.ToLongFunction<T> id,
      List<String> pos,
      boolean replacesTyped) {
    var rest = new ArrayList<>(pos);
    if (replacesTyped && !rest.isEmpty()) {
      rest.removeFirst();
    }
    var choices = new ArrayList<Picks.Choice>();
    for (T item : some) {
      var words = new ArrayList<String>();
      words.add(Long.toString(id.applyAsLong(item)));
      words.addAll(rest);
      choices.add(
          new Picks.Choice(
              name.apply(item) + " (" + id.applyAsLong(item) + ")", command(ctx, words)));
    }
    picks.offer(ctx, question, choices);
  }

  /** {@code run} with these positionals and the command's own options, quoted to be read back. */
  private static String command(CommandContext ctx, List<String> positionals) {
    var b = new StringBuilder("run");
    positionals.forEach(p -> b.append(' ').append(quoted(p)));
    var a = ctx.args();
    a.options()
        .forEach((name, values) ->
            values.forEach(v -> b.append(" --").append(name).append('=').append(quoted(v))));
    a.flags().stream().sorted().forEach(f -> b.append(" --").append(f));
    return b.toString();
  }

  private static String quoted(String word) {
    return word.matches("[A-Za-z0-9_.,:/@#+=%-]+")
        ? word
        : "'" + word.replace("'", "'\"'\"'") + "'";
  }
}
