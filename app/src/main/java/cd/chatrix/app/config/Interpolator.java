package cd.chatrix.app.config;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Expands {@code ${VAR}} and {@code ${VAR:-fallback}} inside string values, so secrets can stay in
 * the environment. {@code $${} writes a literal {@code ${}. A reference to an unset variable
 * without a fallback is a problem naming the key, because sending the text literally (as the
 * original did) only fails later, somewhere far away.
 */
final class Interpolator {

  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

  private final Map<String, String> environment;

  Interpolator(Map<String, String> environment) {
    this.environment = environment;
  }

  /** Expands every string below {@code node} in place; problems are added to {@code problems}. */
  void expandAll(JsonNode node, String path, List<ConfigProblem> problems) {
    if (node instanceof ObjectNode object) {
      for (String name : List.copyOf(object.propertyNames())) {
        JsonNode child = object.get(name);
        String childPath = path.isEmpty() ? name : path + "." + name;
        if (child.isString()) {
          object.put(name, expand(child.stringValue(), childPath, problems));
        } else {
          expandAll(child, childPath, problems);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode child = array.get(i);
        String childPath = path + "[" + i + "]";
        if (child.isString()) {
          array.set(i, array.stringNode(expand(child.stringValue(), childPath, problems)));
        } else {
          expandAll(child, childPath, problems);
        }
      }
    }
  }

  String expand(String text, String keyPath, List<ConfigProblem> problems) {
    if (!text.contains("${")) {
      return text;
    }
    Matcher matcher = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String replacement;
      if (matcher.group(1) == null) {
        replacement = "${";
      } else {
        String name = matcher.group(1);
        String value = environment.get(name);
        boolean hasFallback = matcher.group(2) != null;
        if (hasFallback && (value == null || value.isEmpty())) {
          replacement = matcher.group(3);
        } else if (value == null) {
          problems.add(
              new ConfigProblem(
                  keyPath,
                  "refers to ${" + name + "}, but that environment variable is not set",
                  "set " + name + ", or give a fallback: ${" + name + ":-value}"));
          replacement = "";
        } else {
          replacement = value;
        }
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
