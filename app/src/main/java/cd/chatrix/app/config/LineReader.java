package cd.chatrix.app.config;

import java.util.Optional;

/**
 * The wizard's conversation with a person: prompts, answers, and hidden answers for secrets.
 * Production uses {@link ConsoleLineReader}; tests script the answers.
 */
public interface LineReader {

  /** Shows {@code prompt} and returns the answer, or empty at end of input (Ctrl-D). */
  Optional<String> readLine(String prompt);

  /** Like {@link #readLine} but the answer is not echoed where the terminal allows it. */
  Optional<String> readSecret(String prompt);

  /** Shows a line of text. */
  void println(String text);
}
