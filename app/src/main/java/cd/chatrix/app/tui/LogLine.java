package cd.chatrix.app.tui;

import java.time.Instant;
import java.util.Objects;

/** One log event as the Logs screen shows it; the message is already redacted. */
public record LogLine(Instant time, String level, String logger, String message) {
  public LogLine {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(logger, "logger");
    Objects.requireNonNull(message, "message");
  }
}
