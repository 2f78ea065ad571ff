package cd.chatrix.bot.command;

import cd.chatrix.bot.text.Echo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command's arguments after option parsing: positionals in order, {@code --name=value} / {@code
 * --name value} options (repeatable), and boolean {@code --flags}.
 */
public record Args(List<String> positionals, Map<String, List<String>> options, Set<String> flags) {
  public Args {
    positionals = List.copyOf(positionals);
    options = Map.copyOf(options);
    flags = Set.copyOf(flags);
  }

  public static Args parse(List<String> words, CommandSpec spec) {
    var pos = new ArrayList<String>();
    var opts = new LinkedHashMap<String, List<String>>();
    var flags = new LinkedHashSet<String>();
    boolean onlyPositionals = spec.freeForm();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (onlyPositionals || !w.startsWith("--") || w.length() == 2) {
        if (w.equals("--") && !onlyPositionals) {
          onlyPositionals = true;
          continue;
        }
        pos.add(w);
        continue;
      }
      String name = w.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (spec.valueOptions().contains(name)) {
        if (value == null) {
          if (i + 1 >= words.size()) {
            throw new UsageException(
                "--"
                    + name
                    + " needs a value, like --"
                    + name
                    + "=VALUE. Syntax: "
                    + spec.syntax());
          }
          value = words.get(++i);
        }
        opts.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } else if (spec.flags().contains(name)) {
        if (value != null) {
          throw new UsageException("--" + name + " is a switch and takes no value.");
        }
        flags.add(name);
      } else {
        var known = new ArrayList<String>(spec.valueOptions());
        known.addAll(spec.flags());
        String hint =
            Suggest.nearest(name, known).map(s -> " Did you mean --" + s + "?").orElse("");
        String list =
            known.isEmpty()
                ? " " + spec.name() + " takes no options."
                : " Known options: --"
                    + String.join(", --", known.stream().sorted().toList())
                    + ".";
        throw new UsageException("Unknown option --" + Echo.of(name) + "." + hint + list);
      }
    }
    return new Args(pos, opts, flags);
  }

  public Optional<String> option(String name) {
    List<String> v = options.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.getLast());
  }

  public List<String> all(String name) {
    return options.getOrDefault(name, List.of());
  }

  public boolean flag(String name) {
    return flags.contains(name);
  }

  public Optional<String> positional(int index) {
    return index < positionals.size() ? Optional.of(positionals.get(index)) : Optional.empty();
  }
}
