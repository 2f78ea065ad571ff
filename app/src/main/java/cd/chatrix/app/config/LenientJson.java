package cd.chatrix.app.config;

import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses the JSON dialect the original accepted (it used HJSON): {@code //}, block and {@code #}
 * comments, trailing commas and single quotes. A syntax error becomes a {@link ConfigProblem} with
 * line and column, and never repeats the offending text, which could be an unquoted secret.
 */
final class LenientJson {

  static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(
              JsonReadFeature.ALLOW_JAVA_COMMENTS,
              JsonReadFeature.ALLOW_YAML_COMMENTS,
              JsonReadFeature.ALLOW_TRAILING_COMMA,
              JsonReadFeature.ALLOW_SINGLE_QUOTES)
          .build();

  // Jackson quotes the token it choked on; that token may be a password typed without quotes.
  private static final Pattern QUOTED_TOKEN = Pattern.compile("'[^']*'");

  private LenientJson() {}

  /** Outcome of parsing one document. */
  sealed interface Parsed {
    record Ok(JsonNode root) implements Parsed {}

    record Failed(ConfigProblem problem) implements Parsed {}
  }

  static Parsed parse(String text, String fileName) {
    if (text.isBlank()) {
      return new Parsed.Failed(
          new ConfigProblem(
              "",
              fileName + " is empty",
              "write a JSON object, or run chatrixcd -I to create one"));
    }
    try {
      JsonNode root = MAPPER.readTree(text);
      if (root == null || root.isMissingNode()) {
        return new Parsed.Failed(new ConfigProblem("", fileName + " is empty", ""));
      }
      return new Parsed.Ok(root);
    } catch (JacksonException e) {
      return new Parsed.Failed(syntaxProblem(e, fileName));
    }
  }

  private static ConfigProblem syntaxProblem(JacksonException e, String fileName) {
    String reason = QUOTED_TOKEN.matcher(String.valueOf(e.getOriginalMessage())).replaceAll("");
    int newline = reason.indexOf('\n');
    if (newline >= 0) {
      reason = reason.substring(0, newline);
    }
    TokenStreamLocation at = e.getLocation();
    String where =
        at == null || at.getLineNr() < 1
            ? ""
            : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    return new ConfigProblem(
        "",
        fileName + " is not valid JSON" + where + ": " + reason.strip(),
        "look for a missing comma, quote or bracket just before that spot");
  }
}
