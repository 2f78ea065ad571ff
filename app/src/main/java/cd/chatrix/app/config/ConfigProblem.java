package cd.chatrix.app.config;

/**
 * One thing wrong (or worth a warning) in the configuration.
 *
 * @param keyPath dotted key such as {@code matrix.password}; empty for the file as a whole
 * @param message what is wrong, in words a user understands
 * @param hint what to do about it; may be empty
 */
public record ConfigProblem(String keyPath, String message, String hint) {

  public ConfigProblem {
    keyPath = keyPath == null ? "" : keyPath;
    hint = hint == null ? "" : hint;
  }

  /** One line for a terminal or a log: {@code key: message (hint)}. */
  public String describe() {
    StringBuilder line = new StringBuilder();
    if (!keyPath.isEmpty()) {
      line.append(keyPath).append(": ");
    }
    line.append(message);
    if (!hint.isEmpty()) {
      line.append(" — ").append(hint);
    }
    return line.toString();
  }
}
