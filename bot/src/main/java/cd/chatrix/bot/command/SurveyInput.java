package cd.chatrix.bot.command;

import cd.chatrix.bot.port.SurveyVar;
import cd.chatrix.bot.text.Echo;
import java.util.List;
import java.util.Locale;

/**
 * A value typed for a survey variable, checked the way Semaphore's run form checks it: an {@code
 * int} must be a whole number (sent without sign or leading zeros, as the server's check wants), an
 * {@code enum} takes a choice's number, its name or its value, and text must not be empty.
 */
public final class SurveyInput {
  private SurveyInput() {}

  /** What became of a typed value. */
  public sealed interface Result {}

  /** {@code value} is what the task will receive. */
  public record Accepted(String value) implements Result {}

  /** {@code problem} says what is wrong and what would do, in one sentence without a full stop. */
  public record Refused(String problem) implements Result {}

  public static Result read(SurveyVar v, String typed) {
    String t = typed.strip();
    if (t.isEmpty()) {
      return new Refused(v.label() + " needs a value");
    }
    return switch (v.type()) {
      case "int" ->
          Numbers.problem(t, v.label(), Long.MIN_VALUE, Long.MAX_VALUE)
              .<Result>map(p -> new Refused(p + ". Answer with digits, like 3"))
              .orElseGet(() -> new Accepted(Long.toString(Long.parseLong(t))));
      case "enum" -> choice(v, t);
      // Secrets and text are taken as typed, inner spaces included.
      default -> new Accepted(v.secret() ? typed.strip() : t);
    };
  }

  private static Result choice(SurveyVar v, String t) {
    List<SurveyVar.Choice> choices = v.choices();
    if (choices.isEmpty()) {
      return new Accepted(t);
    }
    if (t.matches("[0-9]{1,4}")) {
      int n = Integer.parseInt(t);
      if (n >= 1 && n <= choices.size()) {
        return new Accepted(choices.get(n - 1).value());
      }
    }
    for (var c : choices) {
      if (c.value().equals(t)) {
        return new Accepted(c.value());
      }
    }
    String lower = t.toLowerCase(Locale.ROOT);
    for (var c : choices) {
      if (c.name().toLowerCase(Locale.ROOT).equals(lower)
          || c.value().toLowerCase(Locale.ROOT).equals(lower)) {
        return new Accepted(c.value());
      }
    }
    return new Refused(
        "\""
            + Echo.of(t)
            + "\" is not one of the choices for "
            + v.label()
            + ": answer with a number from 1 to "
            + choices.size()
            + ", or a choice's name");
  }
}
