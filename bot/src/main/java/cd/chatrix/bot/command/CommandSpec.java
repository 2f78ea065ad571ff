package cd.chatrix.bot.command;

import cd.chatrix.bot.Role;
import java.util.List;
import java.util.Set;

/**
 * One command as users see it: help, syntax errors and permission checks are all derived from this,
 * so they cannot drift from what the bot actually does.
 *
 * @param syntax the arguments after the command name, e.g. {@code [project] [template] [options]}
 * @param hidden left out of the help list (still runnable)
 * @param freeForm words are not parsed as options (they may hold another command's options)
 */
public record CommandSpec(
    String name,
    List<String> synonyms,
    String syntax,
    String summary,
    String detail,
    Role role,
    boolean hidden,
    Set<String> valueOptions,
    Set<String> flags,
    boolean freeForm) {
  public CommandSpec {
    synonyms = List.copyOf(synonyms);
    valueOptions = Set.copyOf(valueOptions);
    flags = Set.copyOf(flags);
  }

  static CommandSpec of(String name, String syntax, Role role, String summary, String detail) {
    return new CommandSpec(
        name, List.of(), syntax, summary, detail, role, false, Set.of(), Set.of(), false);
  }

  CommandSpec synonyms(String... s) {
    return new CommandSpec(
        name, List.of(s), syntax, summary, detail, role, hidden, valueOptions, flags, freeForm);
  }

  CommandSpec options(Set<String> values, Set<String> switches) {
    return new CommandSpec(
        name, synonyms, syntax, summary, detail, role, hidden, values, switches, freeForm);
  }

  CommandSpec hide() {
    return new CommandSpec(
        name, synonyms, syntax, summary, detail, role, true, valueOptions, flags, freeForm);
  }

  CommandSpec asFreeForm() {
    return new CommandSpec(
        name, synonyms, syntax, summary, detail, role, hidden, valueOptions, flags, true);
  }

  /** The full usage line with the prefix, e.g. {@code !cd logs [task] [--tail N]}. */
  public String usage(String prefix) {
    return syntax.isEmpty() ? prefix + " " + name : prefix + " " + name + " " + syntax;
  }
}
