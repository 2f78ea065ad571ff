package cd.chatrix.app.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Instant;
import java.util.Map;
import org.slf4j.event.KeyValuePair;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One JSON object per line for log shippers: {@code timestamp} (UTC, ISO-8601), {@code level},
 * {@code logger}, {@code thread}, {@code message}, optional {@code kv} and {@code mdc} objects and
 * {@code exception} (the whole stack trace as text). Every string is redacted before Jackson
 * escapes it, so a secret cannot slip through in its escaped spelling and the output stays valid
 * JSON.
 */
final class JsonLineEncoder extends LineEncoder {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final Redactor redactor;

  JsonLineEncoder(Redactor redactor) {
    this.redactor = redactor;
  }

  @Override
  String line(ILoggingEvent event) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
    node.put("level", event.getLevel().toString());
    node.put("logger", redactor.redactSecrets(event.getLoggerName()));
    node.put("thread", redactor.redact(event.getThreadName()));
    node.put("message", redactor.redact(event.getFormattedMessage()));
    if (event.getKeyValuePairs() != null && !event.getKeyValuePairs().isEmpty()) {
      ObjectNode kv = node.putObject("kv");
      for (KeyValuePair pair : event.getKeyValuePairs()) {
        kv.put(redactor.redactSecrets(pair.key), redactor.redact(String.valueOf(pair.value)));
      }
    }
    Map<String, String> mdc = event.getMDCPropertyMap();
    if (mdc != null && !mdc.isEmpty()) {
      ObjectNode fields = node.putObject("mdc");
      mdc.forEach((k, v) -> fields.put(redactor.redactSecrets(k), redactor.redact(v)));
    }
    if (event.getThrowableProxy() != null) {
      node.put(
          "exception",
          redactor.redactSecrets(ThrowableFormatter.format(event.getThrowableProxy(), redactor)));
    }
    return MAPPER.writeValueAsString(node) + "\n";
  }
}
