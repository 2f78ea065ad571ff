package cd.chatrix.semaphore.model;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Lenient readers over a JSON object. Semaphore 2.10 sends every key (often {@code null}); 2.12+
 * leaves keys out (omitempty). Both must read the same, so absent, null and wrongly-typed values
 * all become "empty".
 */
final class Wire {
  private Wire() {}

  static Optional<JsonNode> field(JsonNode node, String key) {
    if (node == null) {
      return Optional.empty();
    }
    JsonNode value = node.get(key);
    return value == null || value.isNull() || value.isMissingNode()
        ? Optional.empty()
        : Optional.of(value);
  }

  static Optional<String> text(JsonNode node, String key) {
    return field(node, key).filter(JsonNode::isValueNode).map(JsonNode::asString);
  }

  static String string(JsonNode node, String key) {
    return text(node, key).orElse("");
  }

  static Optional<Integer> integer(JsonNode node, String key) {
    return field(node, key).filter(JsonNode::isNumber).map(JsonNode::asInt);
  }

  static int integer(JsonNode node, String key, int fallback) {
    return integer(node, key).orElse(fallback);
  }

  static boolean bool(JsonNode node, String key) {
    return field(node, key).map(JsonNode::asBoolean).orElse(false);
  }

  /**
   * RFC 3339 with 0-9 fraction digits and any offset; Go's zero time ("0001-01-01T00:00:00Z") reads
   * as empty.
   */
  static Optional<Instant> instant(JsonNode node, String key) {
    return text(node, key).flatMap(Wire::parseInstant);
  }

  static Optional<Instant> parseInstant(String text) {
    if (text.isBlank() || text.startsWith("0001-01-01")) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  static <T> List<T> list(JsonNode node, String key, Function<JsonNode, T> item) {
    return field(node, key).map(array -> list(array, item)).orElse(List.of());
  }

  /** A top-level array; {@code null} (Semaphore's empty slice) reads as an empty list. */
  static <T> List<T> list(JsonNode array, Function<JsonNode, T> item) {
    if (array == null || !array.isArray()) {
      return List.of();
    }
    List<T> out = new ArrayList<>(array.size());
    for (JsonNode element : array) {
      out.add(item.apply(element));
    }
    return List.copyOf(out);
  }

  static List<String> strings(JsonNode node, String key) {
    return list(node, key, JsonNode::asString);
  }
}
