package cd.chatrix.app.config;

import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Typed reads from the merged configuration tree. A value of the wrong type is recorded as a
 * problem with its key path and the fallback is returned, so binding carries on and every mistake
 * is reported in one go. Strings are accepted for numbers and booleans because {@code ${VAR}}
 * expansion always yields text.
 */
final class NodeReader {

  private final JsonNode root;
  private final List<ConfigProblem> problems;
  private final List<ConfigProblem> warnings;

  private final Optional<ConfigPaths> paths;

  NodeReader(JsonNode root, List<ConfigProblem> problems, List<ConfigProblem> warnings) {
    this(root, problems, warnings, Optional.empty());
  }

  /** With {@code paths}, every path read is made absolute by its rule. */
  NodeReader(
      JsonNode root,
      List<ConfigProblem> problems,
      List<ConfigProblem> warnings,
      Optional<ConfigPaths> paths) {
    this.root = root;
    this.problems = problems;
    this.warnings = warnings;
    this.paths = paths;
  }

  JsonNode node(String keyPath) {
    JsonNode node = root;
    for (String part : keyPath.split("\\.")) {
      node = node.path(part);
    }
    return node;
  }

  void problem(String keyPath, String message, String hint) {
    problems.add(new ConfigProblem(keyPath, message, hint));
  }

  void warning(String keyPath, String message, String hint) {
    warnings.add(new ConfigProblem(keyPath, message, hint));
  }

  String text(String keyPath, String fallback) {
    return text(keyPath, node(keyPath), fallback);
  }

  String text(String keyPath, JsonNode node, String fallback) {
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    if (node.isString() || node.isNumber() || node.isBoolean()) {
      return node.asString();
    }
    problem(keyPath, "must be a text value", "put it in double quotes");
    return fallback;
  }

  /** Taken exactly as written: spaces at either end may be part of a password. */
  Secret secret(String keyPath) {
    return Secret.of(text(keyPath, ""));
  }

  Optional<Path> optionalPath(String keyPath) {
    String value = text(keyPath, "").strip();
    return value.isEmpty() ? Optional.empty() : parsedPath(keyPath, value);
  }

  Path path(String keyPath, Path fallback) {
    String value = text(keyPath, "").strip();
    if (value.isEmpty()) {
      problem(keyPath, "must not be empty", "give a file or directory path");
      return fallback;
    }
    return parsedPath(keyPath, value).orElse(fallback);
  }

  private Optional<Path> parsedPath(String keyPath, String value) {
    try {
      return Optional.of(resolved(keyPath, Path.of(value)));
    } catch (InvalidPathException e) {
      problem(keyPath, "is not a valid path (" + e.getReason() + ")", "");
      return Optional.empty();
    }
  }

  private Path resolved(String keyPath, Path value) {
    return paths.map(p -> p.path(keyPath, value)).orElse(value);
  }

  boolean bool(String keyPath, boolean fallback) {
    JsonNode node = node(keyPath);
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isString()) {
      switch (node.stringValue().strip().toLowerCase(Locale.ROOT)) {
        case "true", "yes", "on", "1" -> {
          return true;
        }
        case "false", "no", "off", "0" -> {
          return false;
        }
        default -> {}
      }
    }
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    problem(keyPath, "must be true or false, not " + shown(node), "");
    return fallback;
  }

  int integer(String keyPath, int min, int max, int fallback) {
    JsonNode node = node(keyPath);
    Optional<BigInteger> parsed = Optional.empty();
    if (node.isIntegralNumber()) {
      parsed = Optional.of(node.bigIntegerValue());
    } else if (node.isString()) {
      try {
        parsed = Optional.of(new BigInteger(node.stringValue().strip()));
      } catch (NumberFormatException notANumber) {
        parsed = Optional.empty();
      }
    } else if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    if (parsed.isEmpty()) {
      problem(keyPath, "must be a whole number, not " + shown(node), "");
      return fallback;
    }
    BigInteger value = parsed.get();
    if (value.compareTo(BigInteger.valueOf(max)) > 0) {
      problem(keyPath, "is too large (max " + max + ")", "");
      return fallback;
    }
    if (value.compareTo(BigInteger.valueOf(min)) < 0) {
      problem(keyPath, "is too small (min " + min + ")", "");
      return fallback;
    }
    return value.intValueExact();
  }

  Duration seconds(String keyPath, int min, int max, Duration fallback) {
    return Duration.ofSeconds(integer(keyPath, min, max, (int) fallback.toSeconds()));
  }

  List<String> strings(String keyPath) {
    return strings(keyPath, node(keyPath));
  }

  /** A list of strings; a single comma-separated string is accepted too (for ${VAR}). */
  List<String> strings(String keyPath, JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (node.isString()) {
      return Arrays.stream(node.stringValue().split(","))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .toList();
    }
    if (!node.isArray()) {
      problem(keyPath, "must be a list such as [\"a\", \"b\"]", "");
      return List.of();
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode element = node.get(i);
      if (element.isString() || element.isNumber()) {
        String value = element.asString().strip();
        if (!value.isEmpty()) {
          values.add(value);
        }
      } else if (!element.isNull()) {
        problem(keyPath + "[" + i + "]", "must be a text value", "");
      }
    }
    return List.copyOf(values);
  }

  <E extends Enum<E>> E choice(String keyPath, Class<E> type, E fallback) {
    return choice(keyPath, node(keyPath), type, fallback);
  }

  <E extends Enum<E>> E choice(String keyPath, JsonNode node, Class<E> type, E fallback) {
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    List<String> allowed =
        Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
    String value = node.isString() ? node.stringValue().strip().toLowerCase(Locale.ROOT) : "";
    int index = allowed.indexOf(value);
    if (index >= 0) {
      return type.getEnumConstants()[index];
    }
    String hint = Suggestions.hint(value, allowed);
    problem(keyPath, "must be one of " + String.join(", ", allowed) + ", not " + shown(node), hint);
    return fallback;
  }

  /** A short rendering of a bad value for messages; never called on secret keys. */
  private static String shown(JsonNode node) {
    if (node.isString()) {
      String text = node.stringValue();
      return "\"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"";
    }
    return node.isArray() ? "a list" : node.isObject() ? "an object" : node.toString();
  }
}
