package cd.chatrix.bot.flow;

import cd.chatrix.bot.port.SurveyVar;
import cd.chatrix.bot.text.Echo;
import cd.chatrix.bot.text.Reply;
import java.util.List;
import java.util.regex.Pattern;

/** How a guided run names and asks for survey variables. */
final class FormTexts {
  private static final Pattern KEY = Pattern.compile("\\s*([^=\\s]{1,64})\\s*=.*", Pattern.DOTALL);

  private FormTexts() {}

  /** One line of the overview: {@code Title (name): description · kind · required · default}. */
  static String summary(SurveyVar v) {
    var b = new StringBuilder(heading(v));
    if (!v.description().isEmpty()) {
      b.append(": ").append(Echo.of(v.description(), Echo.LONG));
    }
    b.append(" · ").append(kind(v));
    b.append(" · ").append(v.required() ? "required" : "optional");
    v.defaultValue()
        .filter(d -> !v.secret())
        .ifPresent(d -> b.append(" · default ").append(Echo.of(d)));
    return b.toString();
  }

  /** Adds the question for {@code v} to {@code r}, one line break per line, and returns it. */
  static Reply ask(Reply r, SurveyVar v) {
    var lines = question(v).split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        r.nl();
      }
      r.add(lines[i]);
    }
    return r;
  }

  /** The question for one variable, with how to answer it. */
  static String question(SurveyVar v) {
    var b = new StringBuilder("❓ ").append(heading(v)).append("?");
    if (!v.description().isEmpty()) {
      b.append(" ").append(Echo.of(v.description(), Echo.LONG));
    }
    switch (v.type()) {
      case "int" -> b.append("\nA whole number.");
      case "secret" -> b.append("\nA secret: I read it, then remove your message from the room.");
      case "enum" -> {
        if (!v.choices().isEmpty()) {
          b.append("\nAnswer with the number or the name:");
          List<SurveyVar.Choice> choices = v.choices();
          for (int i = 0; i < choices.size(); i++) {
            var c = choices.get(i);
            b.append("\n").append(i + 1).append(") ").append(Echo.of(c.name()));
            if (!c.name().equals(c.value())) {
              b.append(" (").append(Echo.of(c.value())).append(")");
            }
          }
        }
      }
      default -> {}
    }
    if (v.defaultValue().isPresent()) {
      b.append("\n")
          .append(
              v.secret()
                  ? "It has a default: "
                  : "Default: " + Echo.of(v.defaultValue().get()) + ", ")
          .append("skip keeps it.");
    } else if (!v.required()) {
      b.append("\nOptional: skip leaves it out.");
    }
    return b.toString();
  }

  /** A {@code name=value} line whose name the template does not ask for; the value is not shown. */
  static String notAVariable(String line, List<SurveyVar> vars) {
    var k = KEY.matcher(line);
    String what = k.matches() ? "\"" + Echo.of(k.group(1)) + "\"" : "a line without name=value";
    return "I can't place "
        + what
        + "; this run asks for "
        + String.join(", ", vars.stream().map(SurveyVar::name).toList());
  }

  private static String heading(SurveyVar v) {
    return v.title().isEmpty() || v.title().equals(v.name())
        ? v.name()
        : v.title() + " (" + v.name() + ")";
  }

  private static String kind(SurveyVar v) {
    return switch (v.type()) {
      case "int" -> "whole number";
      case "enum" -> "one of " + v.choices().size() + " choices";
      case "secret" -> "secret";
      default -> "text";
    };
  }
}
