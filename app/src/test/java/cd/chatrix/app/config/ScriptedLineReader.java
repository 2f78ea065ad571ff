package cd.chatrix.app.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Answers the wizard from a script and records everything it showed. */
final class ScriptedLineReader implements LineReader {
  private final Deque<String> answers;
  final List<String> shown = new ArrayList<>();
  final List<String> secretPrompts = new ArrayList<>();

  ScriptedLineReader(String... answers) {
    this.answers = new ArrayDeque<>(List.of(answers));
  }

  @Override
  public Optional<String> readLine(String prompt) {
    shown.add(prompt);
    return Optional.ofNullable(answers.poll());
  }

  @Override
  public Optional<String> readSecret(String prompt) {
    shown.add(prompt);
    secretPrompts.add(prompt);
    return Optional.ofNullable(answers.poll());
  }

  @Override
  public void println(String text) {
    shown.add(text);
  }

  boolean exhausted() {
    return answers.isEmpty();
  }
}
