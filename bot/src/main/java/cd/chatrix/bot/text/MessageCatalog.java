package cd.chatrix.bot.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The bot's personality lines ({@code messages.json}): category → templates, one picked at random.
 * Placeholders like {@code {name}} are filled from the values given; an unknown placeholder or a
 * stray brace is left as written, so a malformed template can never break a command.
 */
public final class MessageCatalog {
  public static final List<String> CATEGORIES =
      List.of(
          "greetings",
          "brush_off",
          "cancel",
          "timeout",
          "task_start",
          "ping_success",
          "pet",
          "scold",
          "task_success",
          "task_failure",
          "startup",
          "shutdown",
          "rate_limited");

  private static final Map<String, List<String>> DEFAULTS =
      Map.ofEntries(
          Map.entry("greetings", List.of("Hey {name}!", "Hi {name} 👋", "{name}, here you go.")),
          Map.entry(
              "brush_off",
              List.of(
                  "Sorry, that one is not yours to run here.",
                  "I'd love to, but you don't have the rights for that.")),
          Map.entry("cancel", List.of("Cancelled, nothing was started.", "Okay, dropped it.")),
          Map.entry(
              "timeout",
              List.of(
                  "No answer in time, so I let it go. Ask again whenever you're ready.",
                  "That question expired; nothing was started.")),
          Map.entry(
              "task_start", List.of("Starting {task_name} 🚀", "Off it goes: {task_name} 🚀")),
          Map.entry(
              "ping_success", List.of("Semaphore answers, all good ✅", "Pong! Semaphore is up ✅")),
          Map.entry(
              "pet", List.of("Purr… thanks {name} 😊", "That's nice. Back to work, happily.")),
          Map.entry("scold", List.of("Noted, I'll try harder 😔", "Ouch. Fair enough, {name}.")),
          Map.entry(
              "task_success", List.of("{user_name}, {task_name} (#{task_id}) finished fine ✅")),
          Map.entry(
              "task_failure", List.of("{user_name}, {task_name} (#{task_id}) did not go well ❌")),
          Map.entry("startup", List.of("ChatrixCD is up and listening 👋")),
          Map.entry("shutdown", List.of("ChatrixCD is going offline for now. Bye 👋")),
          Map.entry(
              "rate_limited",
              List.of("Easy there, {name}: too many commands at once. Try again in a moment.")));

  private final AtomicReference<Map<String, List<String>>> overrides =
      new AtomicReference<>(Map.of());
  private final RandomGenerator random;

  public MessageCatalog() {
    this(new Random());
  }

  public MessageCatalog(RandomGenerator random) {
    this.random = random;
  }

  /**
   * Replaces the loaded file's categories (hot reload). Categories missing or empty in the file
   * keep their defaults.
   */
  public void replace(Map<String, List<String>> fromFile) {
    var copy = new HashMap<String, List<String>>();
    fromFile.forEach((k, v) -> {
      if (v != null && !v.isEmpty()) {
        copy.put(k, List.copyOf(v));
      }
    });
    overrides.set(Map.copyOf(copy));
  }

  /** A random line of {@code category} with placeholders filled; never throws. */
  public String pick(String category, Map<String, String> values) {
    List<String> options = overrides.get().get(category);
    if (options == null) {
      options = DEFAULTS.get(category);
    }
    if (options == null || options.isEmpty()) {
      return "";
    }
    String template = options.get(random.nextInt(options.size()));
    return fill(template, values);
  }

  public String pick(String category) {
    return pick(category, Map.of());
  }

  /** Longest value filled into a line; a display name is capped at 256 by Synapse. */
  static final int MAX_VALUE = 256;

  /** A placeholder's name; compiled once, as most replies fill one (the person's name). */
  private static final Pattern PLACEHOLDER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  static String fill(String template, Map<String, String> values) {
    var out = new StringBuilder(template.length() + 32);
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '{') {
        int close = template.indexOf('}', i + 1);
        if (close > i + 1) {
          String key = template.substring(i + 1, close);
          if (PLACEHOLDER.matcher(key).matches() && values.containsKey(key)) {
            // Values are names people chose (display names, templates): shown, never trusted.
            out.append(Echo.of(values.get(key), MAX_VALUE));
            i = close + 1;
            continue;
          }
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }
}
