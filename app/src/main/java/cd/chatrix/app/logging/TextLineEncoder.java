package cd.chatrix.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * Human-readable lines: {@code 2026-11-22 10:15:30.123 INFO [thread] logger - message key=value},
 * then the stack trace if any. Data fields are redacted one by one (so {@code -R} never touches
 * logger names), then the whole formatted text gets the secrets pass again as a safety net before
 * it becomes bytes.
 */
final class TextLineEncoder extends LineEncoder {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
  private static final String RESET = "\u001b[0m";

  private final Redactor redactor;
  private final boolean colour;

  TextLineEncoder(Redactor redactor, boolean colour) {
    this.redactor = redactor;
    this.colour = colour;
  }

  @Override
  String line(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(160);
    line.append(TIME.format(Instant.ofEpochMilli(event.getTimeStamp()))).append(' ');
    String level = String.format("%-5s", event.getLevel());
    line.append(colour ? levelColour(event.getLevel()) + level + RESET : level);
    line.append(" [").append(redactor.redact(event.getThreadName())).append("] ");
    line.append(event.getLoggerName()).append(" - ");
    line.append(redactor.redact(event.getFormattedMessage()));
    if (event.getKeyValuePairs() != null) {
      for (KeyValuePair pair : event.getKeyValuePairs()) {
        line.append(' ')
            .append(pair.key)
            .append('=')
            .append(redactor.redact(String.valueOf(pair.value)));
      }
    }
    Map<String, String> mdc = event.getMDCPropertyMap();
    if (mdc != null && !mdc.isEmpty()) {
      mdc.forEach((k, v) -> line.append(' ').append(k).append('=').append(redactor.redact(v)));
    }
    line.append('\n');
    if (event.getThrowableProxy() != null) {
      line.append(ThrowableFormatter.format(event.getThrowableProxy(), redactor));
    }
    String text = redactor.redactSecrets(line.toString());
    return colour ? Redactor.colourMarks(text) : text;
  }

  private static String levelColour(Level level) {
    return switch (level.toInt()) {
      case Level.ERROR_INT -> "\u001b[31m";
      case Level.WARN_INT -> "\u001b[33m";
      case Level.INFO_INT -> "\u001b[32m";
      case Level.DEBUG_INT -> "\u001b[36m";
      default -> "\u001b[90m";
    };
  }
}
