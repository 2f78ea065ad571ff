package cd.chatrix.app.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The wizard's ways of asking: a value with the current one kept on Enter, a hidden secret, a
 * choice by number or by word, a yes/no, and an explicit "yes" for changes that lose state. End of
 * input (Ctrl-D) anywhere ends the conversation through {@link EndOfInput}.
 */
final class WizardPrompts {

  /** The person closed the input; nothing is written. */
  static final class EndOfInput extends Exception {
    EndOfInput() {
      super(null, null, false, false);
    }
  }

  /** One option of {@link #choose}: the word it is known by and how it is described. */
  record Option<T>(T value, String word, String description) {}

  private final LineReader io;

  WizardPrompts(LineReader io) {
    this.io = io;
  }

  void say(String text) {
    io.println(text);
  }

  /** Asks until {@code check} has no complaint; Enter takes {@code current}. */
  String ask(String question, String current, Function<String, String> check) throws EndOfInput {
    while (true) {
      String prompt = current.isEmpty() ? question + ": " : question + " [" + current + "]: ";
      String answer = io.readLine(prompt).orElseThrow(EndOfInput::new).strip();
      if (answer.isEmpty()) {
        answer = current;
      }
      String complaint = check.apply(answer);
      if (complaint.isEmpty()) {
        return answer;
      }
      io.println("  " + complaint);
    }
  }

  /**
   * A secret, not echoed. Empty when Enter keeps what is stored ({@code kept} describes it); a
   * secret with nothing stored must be typed.
   */
  Optional<Secret> secret(String question, Optional<String> kept) throws EndOfInput {
    String prompt =
        kept.map(k -> question + " (hidden; Enter keeps " + k + "): ")
            .orElse(question + " (hidden): ");
    while (true) {
      String answer = io.readSecret(prompt).orElseThrow(EndOfInput::new).strip();
      if (!answer.isEmpty()) {
        return Optional.of(Secret.of(answer));
      }
      if (kept.isPresent()) {
        return Optional.empty();
      }
      io.println("  this cannot be empty");
    }
  }

  /** Numbered options; the answer may be the number or the option's word. */
  <T> T choose(String question, List<Option<T>> options, T current) throws EndOfInput {
    io.println(question);
    for (int i = 0; i < options.size(); i++) {
      Option<T> option = options.get(i);
      io.println("  " + (i + 1) + ") " + option.word() + ": " + option.description());
    }
    String currentWord =
        options.stream()
            .filter(o -> o.value().equals(current))
            .findFirst()
            .orElse(options.getFirst())
            .word();
    String words = String.join(", ", options.stream().map(Option::word).toList());
    String answer =
        ask(
            "Choice",
            currentWord,
            v -> pick(options, v).isPresent() ? "" : "type a number or one of: " + words);
    return pick(options, answer).orElseThrow().value();
  }

  private static <T> Optional<Option<T>> pick(List<Option<T>> options, String answer) {
    String a = answer.strip().toLowerCase(Locale.ROOT).replace(' ', '_');
    for (int i = 0; i < options.size(); i++) {
      if (a.equals(String.valueOf(i + 1)) || a.equals(options.get(i).word())) {
        return Optional.of(options.get(i));
      }
    }
    return Optional.empty();
  }

  boolean yes(String question, boolean fallback) throws EndOfInput {
    String answer =
        ask(
            question + (fallback ? " (Y/n)" : " (y/N)"),
            "",
            v -> v.isEmpty() || v.matches("(?i)y|yes|n|no") ? "" : "answer y or n");
    return answer.isEmpty() ? fallback : answer.toLowerCase(Locale.ROOT).startsWith("y");
  }

  /** Only the whole word "yes" agrees: for changes that throw state away. */
  boolean explicitYes(String question) throws EndOfInput {
    String answer = io.readLine(question + " Type yes to go ahead: ").orElseThrow(EndOfInput::new);
    return answer.strip().equalsIgnoreCase("yes");
  }
}
