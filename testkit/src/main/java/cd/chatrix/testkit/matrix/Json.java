package cd.chatrix.testkit.matrix;

import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** One shared mapper and the few node helpers every endpoint group needs. */
final class Json {
  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  static byte[] bytes(JsonNode node) {
    return MAPPER.writeValueAsBytes(node);
  }

  static String text(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  static JsonNode valueOf(Object value) {
    return value instanceof JsonNode node ? node : MAPPER.valueToTree(value);
  }

  static ObjectNode objectOf(Map<String, ?> map) {
    return MAPPER.valueToTree(map);
  }

  /** Parses a request body, answering with the spec's error codes for bad input. */
  static ObjectNode parseObject(byte[] body) {
    if (body.length == 0) {
      return object();
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw MatrixError.badRequest("M_NOT_JSON", "The request body is not valid JSON.");
    }
    if (node instanceof ObjectNode object) {
      return object;
    }
    throw MatrixError.badRequest("M_BAD_JSON", "The request body must be a JSON object.");
  }

  /** Reads a string field, or an empty string when absent or not a string. */
  static String str(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isString() ? value.asString() : "";
  }

  static ObjectNode copyObject(JsonNode node) {
    return node instanceof ObjectNode object ? object.deepCopy() : object();
  }
}
