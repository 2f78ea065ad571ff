package cd.chatrix.app.config;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses the JSON dialect the original accepted (it used HJSON) with Jackson's own read features:
 * {@code //}, block and {@code #} comments, trailing commas, single-quoted strings (which may span
 * lines) and unquoted keys. HJSON's quoteless values and {@code '''} blocks are not JSON at all;
 * they get an error that says how to write them instead. A syntax error becomes a {@link
 * ConfigProblem} with line, column and the offending character, and never repeats a whole token,
 * which could be an unquoted secret.
 */
final class LenientJson {

  static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(
              JsonReadFeature.ALLOW_JAVA_COMMENTS,
              JsonReadFeature.ALLOW_YAML_COMMENTS,
              JsonReadFeature.ALLOW_TRAILING_COMMA,
              JsonReadFeature.ALLOW_SINGLE_QUOTES,
              JsonReadFeature.ALLOW_UNQUOTED_PROPERTY_NAMES,
              JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
          .build();

  // Jackson quotes the token it choked on; that token may be a password typed without quotes.
  private static final Pattern QUOTED_TOKEN = Pattern.compile("'[^']*'");
  private static final Pattern EXPECTING = Pattern.compile("(?:was )?expecting (.*)$");

  private LenientJson() {}

  /** Outcome of parsing one document. */
  sealed interface Parsed {
    record Ok(JsonNode root) implements Parsed {}

    record Failed(ConfigProblem problem) implements Parsed {}
  }

  /**
   * An optional side file ({@code aliases.json}, {@code messages.json}): absent or blank means
   * {@code empty}; otherwise parsed here and read by {@code fromTree}, a syntax error rejected.
   */
  static <T> ParseOutcome<T> parseSideFile(
      Optional<String> content,
      String fileName,
      T empty,
      Function<JsonNode, ParseOutcome<T>> fromTree) {
    if (content.isEmpty() || content.get().isBlank()) {
      return new ParseOutcome.Parsed<>(empty, List.of());
    }
    return switch (parse(content.get(), fileName)) {
      case Parsed.Failed failed -> new ParseOutcome.Rejected<>(failed.problem().describe());
      case Parsed.Ok ok -> fromTree.apply(ok.root());
    };
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
      return new Parsed.Failed(syntaxProblem(e, text, fileName));
    }
  }

  private static ConfigProblem syntaxProblem(JacksonException e, String text, String fileName) {
    String original = String.valueOf(e.getOriginalMessage());
    int newline = original.indexOf('\n');
    if (newline >= 0) {
      original = original.substring(0, newline);
    }
    TokenStreamLocation at = e.getLocation();
    boolean located = at != null && at.getLineNr() >= 1;
    String where = located ? " at line " + at.getLineNr() + ", column " + at.getColumnNr() : "";
    long offset = located ? at.getCharOffset() : -1;
    char found = offset >= 0 && offset < text.length() ? text.charAt((int) offset) : 0;
    String expected = expectation(original);

    String what;
    String hint;
    if (original.startsWith("Unexpected end-of-input")) {
      what = "the file ends before every { and [ is closed";
      hint = "add the missing } or ]";
    } else if (original.startsWith("Unrecognized token")) {
      what = "a value without quotes starts there";
      hint = "put text values in double quotes; only numbers, true, false and null go without";
    } else if (found == '\'' && offset >= 2 && text.startsWith("\'\'\'", (int) offset - 2)) {
      what = "\'\'\' starts an HJSON multi-line string, which ChatrixCD does not read";
      hint = "write it as one string in double quotes, with \\n where a line should break";
    } else if (found != 0) {
      what = "unexpected " + describe(found) + (expected.isEmpty() ? "" : ", expected " + expected);
      hint = "look for a missing comma, quote or bracket just before that spot";
    } else {
      what = QUOTED_TOKEN.matcher(original).replaceAll("").strip();
      hint = "look for a missing comma, quote or bracket just before that spot";
    }
    return new ConfigProblem("", fileName + " is not valid JSON" + where + ": " + what, hint);
  }

  /** What Jackson was expecting, in its words minus quoted tokens; empty when it does not say. */
  private static String expectation(String original) {
    Matcher m = EXPECTING.matcher(original);
    if (!m.find()) {
      return "";
    }
    return QUOTED_TOKEN
        .matcher(m.group(1))
        .replaceAll("")
        .replace("(JSON String, Number, Array, Object or token , or )", "a value")
        .strip();
  }

  /** One character shown so that it is visible even when it is a space or a control code. */
  static String describe(char c) {
    if (c == ' ') {
      return "a space";
    }
    if (c == '\t') {
      return "a tab";
    }
    if (c == '\n' || c == '\r') {
      return "a line break";
    }
    if (Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSurrogate(c)) {
      return String.format("the character U+%04X", (int) c);
    }
    return "'" + c + "'";
  }
}
