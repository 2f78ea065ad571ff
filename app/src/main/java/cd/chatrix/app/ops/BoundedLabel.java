package cd.chatrix.app.ops;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Keeps a label fed from outside (such as a command name a user typed) to a small, safe set of
 * values. Every distinct label value is a separate time series kept for the life of the process, so
 * a user typing random commands must not be able to grow memory or the scrape without bound.
 */
final class BoundedLabel {
  static final String OTHER = "other";
  private static final Pattern SAFE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
  private static final Pattern PATH = Pattern.compile("/[a-z0-9_/{}-]{0,79}");

  private final int maxValues;
  private final Pattern safe;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  BoundedLabel(int maxValues) {
    this(maxValues, SAFE);
  }

  private BoundedLabel(int maxValues, Pattern safe) {
    this.maxValues = maxValues;
    this.safe = safe;
  }

  /** For URL path templates such as {@code /project/{id}/tasks}. */
  static BoundedLabel paths(int maxValues) {
    return new BoundedLabel(maxValues, PATH);
  }

  /** The value itself (lower-cased) when it is short and plain and there is room; else "other". */
  String of(String raw) {
    String value = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
    if (!safe.matcher(value).matches()) {
      return OTHER;
    }
    if (seen.contains(value)) {
      return value;
    }
    synchronized (seen) {
      if (seen.size() >= maxValues) {
        return OTHER;
      }
      seen.add(value);
      return value;
    }
  }
}
