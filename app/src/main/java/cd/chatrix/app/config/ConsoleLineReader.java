package cd.chatrix.app.config;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@link LineReader} on the real terminal. Secrets are read with {@link Console#readPassword}, so
 * they are not echoed. Without a console (input piped in) answers are read from stdin, and the user
 * is told once that secrets will be visible.
 */
public final class ConsoleLineReader implements LineReader {

  private final Console console;
  private final BufferedReader stdin;
  private final PrintStream out;
  private boolean warnedVisible;

  public ConsoleLineReader() {
    // Since JDK 22 there is a Console even when input is piped; only a terminal hides secrets.
    Console system = System.console();
    this.console = system != null && system.isTerminal() ? system : null;
    this.stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    this.out = System.out;
  }

  @Override
  public Optional<String> readLine(String prompt) {
    if (console != null) {
      return Optional.ofNullable(console.readLine("%s", prompt));
    }
    out.print(prompt);
    out.flush();
    try {
      return Optional.ofNullable(stdin.readLine());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read from standard input", e);
    }
  }

  @Override
  public Optional<String> readSecret(String prompt) {
    if (console == null) {
      if (!warnedVisible) {
        out.println("(No terminal detected: what you type next will be visible.)");
        warnedVisible = true;
      }
      return readLine(prompt);
    }
    char[] typed = console.readPassword("%s", prompt);
    if (typed == null) {
      return Optional.empty();
    }
    String value = new String(typed);
    Arrays.fill(typed, '\0');
    return Optional.of(value);
  }

  @Override
  public void println(String text) {
    if (console != null) {
      console.printf("%s%n", text);
      console.flush();
    } else {
      out.println(text);
    }
  }
}
