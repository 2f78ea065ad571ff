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
 * @param effect what the command may change; a device the bot does not trust may still run the
 *     commands that change nothing
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
    boolean freeForm,
    Effect effect) {
  public CommandSpec {
    synonyms = List.copyOf(synonyms);
    valueOptions = Set.copyOf(valueOptions);
    flags = Set.copyOf(flags);
  }

  /** What running a command may change. */
  public enum Effect {
    /** Only reads, whatever its arguments. */
    READS,
    /**
     * Only lists when given no arguments ({@code rooms}, {@code aliases}, {@code verify}), or only
     * says how to use it ({@code log}); with arguments it changes something.
     */
    READS_WHEN_BARE,
    /** Starts, stops, answers, saves or shuts down something: the default. */
    CHANGES
  }

  /** A command that changes something; say {@link #reads} or {@link #readsWhenBare} if not. */
  public static CommandSpec of(
      String name, String syntax, Role role, String summary, String detail) {
    return new CommandSpec(
        name,
        List.of(),
        syntax,
        summary,
        detail,
        role,
        false,
        Set.of(),
        Set.of(),
        false,
        Effect.CHANGES);
  }

  public CommandSpec synonyms(String... s) {
    return new CommandSpec(
        name,
        List.of(s),
        syntax,
        summary,
        detail,
        role,
        hidden,
        valueOptions,
        flags,
        freeForm,
        effect);
  }

  public CommandSpec options(Set<String> values, Set<String> switches) {
    return new CommandSpec(
        name, synonyms, syntax, summary, detail, role, hidden, values, switches, freeForm, effect);
  }

  public CommandSpec hide() {
    return new CommandSpec(
        name, synonyms, syntax, summary, detail, role, true, valueOptions, flags, freeForm, effect);
  }

  public CommandSpec asFreeForm() {
    return new CommandSpec(
        name, synonyms, syntax, summary, detail, role, hidden, valueOptions, flags, true, effect);
  }

  public CommandSpec reads() {
    return withEffect(Effect.READS);
  }

  public CommandSpec readsWhenBare() {
    return withEffect(Effect.READS_WHEN_BARE);
  }

  private CommandSpec withEffect(Effect e) {
    return new CommandSpec(
        name, synonyms, syntax, summary, detail, role, hidden, valueOptions, flags, freeForm, e);
  }

  /** The full usage line with the prefix, e.g. {@code !cd logs [task] [--tail N]}. */
  public String usage(String prefix) {
    return syntax.isEmpty() ? prefix + " " + name : prefix + " " + name + " " + syntax;
  }
}
