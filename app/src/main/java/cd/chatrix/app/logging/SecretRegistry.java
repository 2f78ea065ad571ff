package cd.chatrix.app.logging;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secret values this process knows (passwords, tokens, pickle keys, client secrets from the
 * configuration and from logins). Every log line is scrubbed of them, wherever they appear,
 * whatever the verbosity.
 *
 * <p>The app registers each secret as soon as it is read. Values shorter than {@link #MIN_LENGTH}
 * are ignored: replacing every occurrence of a two-letter string would shred the log while
 * protecting almost nothing. Besides the value itself, its JSON-escaped and URL-encoded spellings
 * are registered, because request bodies and URLs are where secrets usually leak.
 */
public final class SecretRegistry {
  /** Shortest value that is registered. */
  public static final int MIN_LENGTH = 4;

  private static final ReentrantLock LOCK = new ReentrantLock();
  private static final Set<String> VALUES = new LinkedHashSet<>();
  private static volatile Pattern pattern;

  private SecretRegistry() {}

  /**
   * Adds a secret; blank or too-short values are ignored. Safe to call from any thread, repeatedly.
   */
  public static void register(String secret) {
    if (secret == null || secret.isBlank() || secret.length() < MIN_LENGTH) {
      return;
    }
    LOCK.lock();
    try {
      boolean changed = VALUES.add(secret);
      changed |= VALUES.add(jsonEscaped(secret));
      changed |= VALUES.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
      changed |= VALUES.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
      if (changed) {
        rebuild();
      }
    } finally {
      LOCK.unlock();
    }
  }

  /** Number of distinct spellings registered (for diagnostics; never the values themselves). */
  public static int size() {
    LOCK.lock();
    try {
      return VALUES.size();
    } finally {
      LOCK.unlock();
    }
  }

  /** Replaces every registered secret in {@code text} with {@code replacement}. */
  static String redact(String text, String replacement) {
    Pattern current = pattern;
    if (current == null || text.isEmpty()) {
      return text;
    }
    return current.matcher(text).replaceAll(Matcher.quoteReplacement(replacement));
  }

  /** Forgets everything; for tests only. */
  static void clear() {
    LOCK.lock();
    try {
      VALUES.clear();
      pattern = null;
    } finally {
      LOCK.unlock();
    }
  }

  private static void rebuild() {
    // Longest first, so a secret that contains another is replaced whole rather than in pieces.
    StringBuilder alternation = new StringBuilder();
    VALUES.stream()
        .sorted(Comparator.comparingInt(String::length).reversed())
        .forEach(value -> {
          if (!alternation.isEmpty()) {
            alternation.append('|');
          }
          alternation.append(Pattern.quote(value));
        });
    pattern = Pattern.compile(alternation.toString());
  }

  private static String jsonEscaped(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '/' -> out.append('/');
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
