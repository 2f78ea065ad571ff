package cd.chatrix.bot.flow;

import cd.chatrix.bot.command.CommandSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The commands a bot knows, in the order help lists them. Help, suggestions, alias reservations,
 * permission checks and dispatch all read this one list; a word (name or synonym) names at most one
 * command.
 */
public record CommandList(List<Command> all) {
  public CommandList {
    all = List.copyOf(all);
    var words = new HashSet<String>();
    for (Command c : all) {
      for (String word : words(c.spec())) {
        if (!words.add(word)) {
          throw new IllegalStateException("Two commands answer to \"" + word + "\"");
        }
      }
    }
  }

  /** The command {@code word} names (its name or a synonym, in any case). */
  public Optional<Command> find(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    return all.stream().filter(c -> words(c.spec()).contains(w)).findFirst();
  }

  /** The spec of the command {@code word} names. */
  public Optional<CommandSpec> spec(String word) {
    return find(word).map(Command::spec);
  }

  /** Whether {@code word} names a command; such words are reserved, no alias may shadow them. */
  public boolean knows(String word) {
    return find(word).isPresent();
  }

  public List<CommandSpec> specs() {
    return all.stream().map(Command::spec).toList();
  }

  private static List<String> words(CommandSpec spec) {
    var out = new ArrayList<String>();
    out.add(spec.name());
    out.addAll(spec.synonyms());
    return out;
  }
}
