package cd.chatrix.app.config;

/** {@code log}: file format and rotation; the file path itself is {@code bot.log_file}. */
public record LogConfig(boolean json, int maxFileSizeMb, int maxFiles) {

  static LogConfig defaults() {
    return new LogConfig(false, 10, 5);
  }
}
