package cd.chatrix.bot.command;

import cd.chatrix.bot.text.Echo;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Picks a project or template from what a user typed: an exact id, an exact name (any case), or a
 * unique name prefix. Ambiguity lists the candidates instead of guessing.
 */
public final class Resolver {
  private Resolver() {}

  public static <T> Optional<T> tryResolve(
      String typed, List<T> items, ToLongFunction<T> id, Function<T, String> name) {
    String q = typed.strip().toLowerCase(Locale.ROOT);
    var asId = Numbers.tryId(q);
    if (asId.isPresent()) {
      long n = asId.get();
      var byId = items.stream().filter(i -> id.applyAsLong(i) == n).findFirst();
      if (byId.isPresent()) {
        return byId;
      }
    }
    var exact =
        items.stream().filter(i -> name.apply(i).toLowerCase(Locale.ROOT).equals(q)).toList();
    if (exact.size() == 1) {
      return Optional.of(exact.getFirst());
    }
    var prefixed =
        items.stream().filter(i -> name.apply(i).toLowerCase(Locale.ROOT).startsWith(q)).toList();
    if (!prefixed.isEmpty()) {
      return prefixed.size() == 1 ? Optional.of(prefixed.getFirst()) : Optional.empty();
    }
    var byWords = items.stream().filter(i -> wordsMatch(q, name.apply(i))).toList();
    return byWords.size() == 1 ? Optional.of(byWords.getFirst()) : Optional.empty();
  }

  /**
   * What {@code typed} could mean when it names none for sure: names it starts, else names each of
   * its words starts a word of ("web dep" finds "Deploy web"), in the list's order.
   */
  public static <T> List<T> candidates(String typed, List<T> items, Function<T, String> name) {
    String q = typed.strip().toLowerCase(Locale.ROOT);
    var prefixed =
        items.stream().filter(i -> name.apply(i).toLowerCase(Locale.ROOT).startsWith(q)).toList();
    return prefixed.isEmpty()
        ? items.stream().filter(i -> wordsMatch(q, name.apply(i))).toList()
        : prefixed;
  }

  private static boolean wordsMatch(String typedLower, String name) {
    var words = List.of(name.toLowerCase(Locale.ROOT).split("[\\s_\\-/.]+"));
    var typedWords = typedLower.split("[\\s_\\-/.]+");
    if (typedWords.length == 0) {
      return false;
    }
    for (String t : typedWords) {
      if (!t.isEmpty() && words.stream().noneMatch(w -> w.startsWith(t))) {
        return false;
      }
    }
    return true;
  }

  /** Like {@link #tryResolve} but explains a miss: none found, or which ones match. */
  public static <T> T resolve(
      String typed,
      List<T> items,
      ToLongFunction<T> id,
      Function<T, String> name,
      String kind,
      String listHint) {
    var hit = tryResolve(typed, items, id, name);
    if (hit.isPresent()) {
      return hit.get();
    }
    String q = typed.strip().toLowerCase(Locale.ROOT);
    if (Numbers.looksLikeId(q)) {
      // Says so when the id is out of range (0, twenty digits) rather than that nothing matched.
      Numbers.id(q, capitalised(kind) + " id");
    }
    var candidates = candidates(typed, items, name);
    if (candidates.size() > 1) {
      var names =
          candidates.stream()
              .limit(10)
              .map(i -> name.apply(i) + " (" + id.applyAsLong(i) + ")")
              .toList();
      throw new UsageException(
          "\""
              + Echo.of(typed)
              + "\" matches several "
              + kind
              + "s: "
              + String.join(", ", names)
              + ". Use the id or more of the name.");
    }
    throw new UsageException("No " + kind + " matches \"" + Echo.of(typed) + "\". " + listHint);
  }

  private static String capitalised(String kind) {
    return kind.isEmpty() ? kind : Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
  }
}
