package cd.chatrix.bot.command;

import cd.chatrix.bot.text.Echo;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Numbers typed in commands. Every one has a range, and anything outside it (a word, a negative,
 * zero where counting starts at 1, twenty digits) gets a reply saying what is allowed instead of an
 * exception. Only ASCII digits count: {@code ٣} or {@code ３} is not taken for 3.
 */
public final class Numbers {
  /**
   * Largest project, template or task id. Semaphore keeps ids in SQL {@code int} columns (its
   * {@code db/sql/migrations}: {@code project_id int}, {@code template_id int}, {@code task_id
   * int}), 32-bit signed on MySQL and PostgreSQL, so no id is larger.
   */
  public static final long MAX_ID = Integer.MAX_VALUE;

  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

  private Numbers() {}

  /**
   * {@code typed} as a whole number from {@code min} to {@code max}.
   *
   * @param what how the reply names the number, e.g. {@code "Task id"} or {@code "--tail"}
   * @throws UsageException saying what is allowed, when it is not such a number
   */
  public static long parse(String typed, String what, long min, long max) {
    var problem = problem(typed, what, min, max);
    if (problem.isPresent()) {
      throw new UsageException(problem.get() + ".");
    }
    return Long.parseLong(typed.strip());
  }

  /**
   * What is wrong with {@code typed} as a whole number from {@code min} to {@code max}, e.g. {@code
   * --tail 99999999999999999999 is too large (max 1000000)}; empty when nothing is.
   */
  public static Optional<String> problem(String typed, String what, long min, long max) {
    String t = typed.strip();
    if (!INTEGER.matcher(t).matches()) {
      return Optional.of(what + " takes " + range(min, max) + "; \"" + Echo.of(t) + "\" is not");
    }
    boolean negative = t.startsWith("-");
    String digits = t.replaceFirst("^[+-]", "").replaceFirst("^0+(?=.)", "");
    Optional<Long> value = exact(digits, negative);
    if (!negative && (value.isEmpty() || value.get() > max)) {
      return Optional.of(what + " " + Echo.of(t) + " is too large (max " + max + ")");
    }
    if (value.isEmpty() || value.get() < min) {
      return Optional.of(what + " " + Echo.of(t) + " is too small (min " + min + ")");
    }
    return Optional.empty();
  }

  /**
   * Whether {@code typed} is written like an id ({@code 42} or {@code #42}), whatever its size;
   * {@link #id} says whether it is in range.
   */
  public static boolean looksLikeId(String typed) {
    return typed.strip().matches("#?[0-9]+");
  }

  /** {@code typed} ({@code 42} or {@code #42}) as an id from 1 to {@link #MAX_ID}. */
  public static long id(String typed, String what) {
    return parse(typed.strip().replaceFirst("^#", ""), what, 1, MAX_ID);
  }

  /** The id {@code typed} names, or empty when it is not an id in range. */
  public static Optional<Long> tryId(String typed) {
    if (!looksLikeId(typed)) {
      return Optional.empty();
    }
    String digits = typed.strip().replaceFirst("^#", "").replaceFirst("^0+(?=.)", "");
    return exact(digits, false).filter(v -> v >= 1 && v <= MAX_ID);
  }

  private static String range(long min, long max) {
    if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
      return "a whole number";
    }
    return min == 1
        ? "a positive number up to " + max
        : "a whole number from " + min + " to " + max;
  }

  /** The value of {@code digits} (no sign, no leading zeros), when it fits a {@code long}. */
  private static Optional<Long> exact(String digits, boolean negative) {
    if (digits.length() > 19) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(negative ? "-" + digits : digits));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
