package cd.chatrix.bot.port;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Answers to a template's {@code secret} survey variables. The values go to Semaphore and nowhere
 * else: chat, the audit log and the store only ever see the names, with {@link #MASK} in place of
 * the value. {@code forgotten} names secrets whose values were not kept (the store never holds
 * them, so a run pending across a restart has the names only) and must be given again.
 */
public record SecretVars(Map<String, String> values, Set<String> forgotten) {
  /** What chat and logs show instead of a secret value. */
  public static final String MASK = "••••";

  public static final SecretVars NONE = new SecretVars(Map.of(), Set.of());

  public SecretVars {
    values = Map.copyOf(values);
    forgotten = Set.copyOf(forgotten);
  }

  public static SecretVars of(Map<String, String> values) {
    return values.isEmpty() ? NONE : new SecretVars(values, Set.of());
  }

  /** Every secret's name, given or forgotten, sorted. */
  public Set<String> names() {
    var all = new TreeSet<>(values.keySet());
    all.addAll(forgotten);
    return all;
  }

  public boolean isEmpty() {
    return values.isEmpty() && forgotten.isEmpty();
  }

  /** The same names with every value dropped, as a store keeps them. */
  public SecretVars withoutValues() {
    return isEmpty() ? NONE : new SecretVars(Map.of(), names());
  }

  /** Names only: a record's generated text would print the values. */
  @Override
  public String toString() {
    return "SecretVars" + names();
  }
}
