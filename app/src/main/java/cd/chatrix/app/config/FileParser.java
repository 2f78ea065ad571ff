package cd.chatrix.app.config;

import java.util.Optional;

/** Turns a watched file's text (empty when the file does not exist) into a value, or a reason. */
@FunctionalInterface
public interface FileParser<T> {
  ParseOutcome<T> parse(Optional<String> content);
}
