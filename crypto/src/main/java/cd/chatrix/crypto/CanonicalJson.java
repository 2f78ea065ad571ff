package cd.chatrix.crypto;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Matrix canonical JSON (keys sorted by code point, no insignificant whitespace, UTF-8) and the
 * signing rules built on it: signatures cover the object without {@code signatures} and {@code
 * unsigned}.
 */
public final class CanonicalJson {
  public static final JsonMapper MAPPER = JsonMapper.builder().build();

  private CanonicalJson() {}

  public static String encode(JsonNode node) {
    return MAPPER.writeValueAsString(sorted(node));
  }

  /** The exact string an Ed25519 signature over this object covers. */
  public static String signable(JsonNode node) {
    ObjectNode copy = ((ObjectNode) node).deepCopy();
    copy.remove("signatures");
    copy.remove("unsigned");
    return encode(copy);
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static JsonNode parse(String json) {
    return MAPPER.readTree(json);
  }

  /**
   * Adds {@code signatures.<userId>.<keyId>} to {@code node}, keeping signatures other keys made.
   */
  public static void addSignature(ObjectNode node, String userId, String keyId, String signature) {
    ObjectNode sigs =
        node.has("signatures") ? (ObjectNode) node.get("signatures") : node.putObject("signatures");
    ObjectNode mine = sigs.has(userId) ? (ObjectNode) sigs.get(userId) : sigs.putObject(userId);
    mine.put(keyId, signature);
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.properties());
      entries.sort((a, b) -> compareCodePoints(a.getKey(), b.getKey()));
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (var e : entries) {
        out.set(e.getKey(), sorted(e.getValue()));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.forEach(child -> out.add(sorted(child)));
      return out;
    }
    if (node.isFloatingPointNumber()) {
      // Canonical JSON has no fractions or exponents: 1e10 is written 10000000000.
      double d = node.asDouble();
      if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) {
        return JsonNodeFactory.instance.numberNode((long) d);
      }
    }
    return node;
  }

  // String.compareTo orders UTF-16 units, which differs from code points above the BMP.
  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
