package cd.chatrix.bot.command;

import cd.chatrix.bot.store.AliasStore;
import cd.chatrix.bot.text.Echo;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Shortcuts from {@code aliases.json}: one pass of expansion, user words appended. Aliases never
 * shadow built-in commands and always point at one, so the result is always a real command.
 */
public final class AliasTable {
  private static final System.Logger LOG = System.getLogger(AliasTable.class.getName());

  /** Longest command an alias may stand for; a shortcut longer than this is no shortcut. */
  static final int MAX_COMMAND = 2_000;

  private final AliasStore store;
  private final Predicate<String> isCommand;
  private final AtomicReference<Map<String, String>> aliases = new AtomicReference<>(Map.of());

  /**
   * @param isCommand whether a word names a built-in command (its name or a synonym): such words
   *     are reserved, and every alias must stand for one
   */
  public AliasTable(AliasStore store, Predicate<String> isCommand) {
    this.store = store;
    this.isCommand = isCommand;
    replaceAll(store.load());
  }

  /**
   * Loads a new set (hot reload); entries that would shadow or not target a command are dropped.
   */
  public void replaceAll(Map<String, String> fresh) {
    var ok = new TreeMap<String, String>();
    fresh.forEach((name, command) -> {
      try {
        ok.put(name, validate(name, command));
      } catch (UsageException e) {
        LOG.log(System.Logger.Level.WARNING, "Ignoring alias {0}: {1}", name, e.getMessage());
      }
    });
    aliases.set(Map.copyOf(ok));
  }

  public Map<String, String> all() {
    return new TreeMap<>(aliases.get());
  }

  /** Expands the first word if it is an alias; otherwise returns the text unchanged. */
  public String expand(String commandText) {
    String trimmed = commandText.strip();
    int space = indexOfWhitespace(trimmed);
    String first = space < 0 ? trimmed : trimmed.substring(0, space);
    String target = aliases.get().get(first);
    if (target == null) {
      return trimmed;
    }
    return space < 0 ? target : target + " " + trimmed.substring(space + 1).strip();
  }

  public synchronized void add(String name, String command, String prefix) {
    String c = command.strip();
    if (c.startsWith(prefix + " ")) {
      c = c.substring(prefix.length()).strip();
    }
    String target = validate(name, c);
    var next = new LinkedHashMap<>(aliases.get());
    next.put(name, target);
    store.save(next);
    aliases.set(Map.copyOf(next));
  }

  /** Removes an alias; false when there was none of that name. */
  public synchronized boolean remove(String name) {
    if (!aliases.get().containsKey(name)) {
      return false;
    }
    var next = new LinkedHashMap<>(aliases.get());
    next.remove(name);
    store.save(next);
    aliases.set(Map.copyOf(next));
    return true;
  }

  private String validate(String name, String command) {
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
      throw new UsageException(
          "An alias name is one word of letters, digits, '-', '_' or '.', like deploy-prod.");
    }
    if (isCommand.test(name.toLowerCase(Locale.ROOT))) {
      throw new UsageException("\"" + name + "\" is a built-in command; pick another alias name.");
    }
    String c = command.strip();
    if (c.isEmpty()) {
      throw new UsageException("The alias needs a command to stand for, like: run 1 5.");
    }
    if (c.length() > MAX_COMMAND) {
      throw new UsageException(
          "An alias stands for at most "
              + MAX_COMMAND
              + " characters of command; this one has "
              + c.length()
              + ".");
    }
    int space = indexOfWhitespace(c);
    String first = space < 0 ? c : c.substring(0, space);
    if (!isCommand.test(first)) {
      throw new UsageException(
          "An alias must stand for a built-in command; \"" + Echo.of(first) + "\" is not one.");
    }
    return c;
  }

  private static int indexOfWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
