package cd.chatrix.app.ops;

import cd.chatrix.semaphore.model.TaskStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the alert bodies Semaphore posts to chat services. All of them are Go text templates filled
 * with the same values (name, author, task id, link, "✅SUCCESS"-style result, version), so the body
 * is flattened into its string values in document order and those are searched; the Slack shape is
 * the one documented for this endpoint, the others come along for free.
 *
 * <p>Semaphore does not JSON-escape template values: a double quote in a template name breaks the
 * JSON. Such a body is still read line by line ({@code "key": "value"}), as long as the task link
 * is found, because dropping the alert would hide exactly the failure it reports.
 */
final class SemaphoreAlertParser {

  /** What came of a body. */
  sealed interface Result {
    record Parsed(SemaphoreAlert alert) implements Result {}

    /** Not JSON and not recognisable as a Semaphore alert either. */
    record Malformed(String reason) implements Result {}

    /** Valid JSON without a task in it. */
    record NotAnAlert(String reason) implements Result {}
  }

  private record Pair(String key, String value) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final Pattern TASK_LINK =
      Pattern.compile(
          "(?:https?://[^\\s\"'<>()\\[\\]]{1,2048}?)?/project/(\\d{1,18})/templates/(\\d{1,18})\\?t=(\\d{1,18})");
  private static final Pattern EXECUTION = Pattern.compile("(?i)execution\\s*#:?\\s*(\\d{1,18})");
  // The result is the status upper-cased behind an emoji (✅ ❌ ⚠️ ⏹️ ❓), with or without a space.
  private static final Pattern EMOJI_STATUS =
      Pattern.compile("[\\u2705\\u274C\\u26A0\\u23F9\\u2753]\\uFE0F?\\s?([A-Z][A-Z_]+)");
  private static final Pattern STATUS_LABEL =
      Pattern.compile("(?i)status:\\s*[^\\p{L}\\n]{0,8}([A-Za-z_]+)");
  private static final Pattern TASK_TITLE = Pattern.compile("(?m)Task:[ \\t]*([^\\n]+?)[ \\t]*$");
  private static final Pattern AUTHOR_LINE =
      Pattern.compile("(?im)(?:author|execution by):[ \\t]*([^\\n]+?)[ \\t]*$");
  private static final Pattern TELEGRAM_AUTHOR =
      Pattern.compile("(?m)^by[ \\t]+([^\\n]+?)[ \\t]*$");
  private static final Pattern VERSION_LINE =
      Pattern.compile("(?im)^\\W*version:[ \\t]*([^\\n]+?)[ \\t]*$");
  private static final Pattern LENIENT_LINE =
      Pattern.compile("(?m)^\\s*\"([^\"]+)\"\\s*:\\s*\"(.*)\"\\s*,?\\s*$");
  // Bold markers around values in the Markdown bodies (DingTalk, Gotify).
  private static final Pattern MARKUP = Pattern.compile("\\*\\*");

  Result parse(String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      return parseBroken(body, e);
    }
    if (root == null || root.isMissingNode() || !root.isObject()) {
      return new Result.Malformed("expected a JSON object");
    }
    List<Pair> pairs = new ArrayList<>();
    flatten("", root, pairs);
    // Teams cards also have "attachments"; only Slack-style attachments carry a title link.
    boolean slackStyle = root.path("attachments").path(0).has("title_link");
    SemaphoreAlert.Format format =
        !slackStyle
            ? SemaphoreAlert.Format.OTHER_JSON
            : root.path("text").isString()
                ? SemaphoreAlert.Format.ROCKET_CHAT
                : SemaphoreAlert.Format.SLACK;
    return extract(pairs, format)
        .<Result>map(Result.Parsed::new)
        .orElseGet(
            () -> new Result.NotAnAlert("no Semaphore task link or execution number in the body"));
  }

  private Result parseBroken(String body, JacksonException e) {
    List<Pair> pairs = new ArrayList<>();
    Matcher line = LENIENT_LINE.matcher(body);
    while (line.find()) {
      pairs.add(new Pair(line.group(1), line.group(2).replace("\\n", "\n")));
    }
    Optional<SemaphoreAlert> alert =
        TASK_LINK.matcher(body).find()
            ? extract(pairs, SemaphoreAlert.Format.BROKEN_JSON)
            : Optional.empty();
    if (alert.isPresent()) {
      return new Result.Parsed(alert.get());
    }
    var location = e.getLocation();
    String where =
        location == null
            ? ""
            : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    return new Result.Malformed("the body is not valid JSON" + where);
  }

  private static void flatten(String key, JsonNode node, List<Pair> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        flatten(field.getKey(), field.getValue(), out);
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        flatten(key, element, out);
      }
    } else if (node.isString() || node.isNumber()) {
      out.add(new Pair(key, node.asString()));
    }
  }

  private static Optional<SemaphoreAlert> extract(List<Pair> pairs, SemaphoreAlert.Format format) {
    Map<String, String> labelled = labelled(pairs);
    String text = String.join("\n", pairs.stream().map(Pair::value).toList());

    OptionalLong projectId = OptionalLong.empty();
    OptionalLong templateId = OptionalLong.empty();
    OptionalLong taskId = OptionalLong.empty();
    String url = "";
    Matcher link = TASK_LINK.matcher(text);
    if (link.find()) {
      url = link.group();
      projectId = number(link.group(1));
      templateId = number(link.group(2));
      taskId = number(link.group(3));
    }
    if (taskId.isEmpty()) {
      Matcher execution = EXECUTION.matcher(text);
      taskId = execution.find() ? number(execution.group(1)) : number(labelled.get("task id"));
    }
    if (taskId.isEmpty()) {
      return Optional.empty();
    }

    String name = title(pairs).or(() -> first(TASK_TITLE, text)).orElse(labelled.get("task"));
    String author =
        Optional.ofNullable(labelled.get("author"))
            .or(() -> first(AUTHOR_LINE, text))
            .or(() -> first(TELEGRAM_AUTHOR, text))
            .orElse("");
    String version =
        Optional.ofNullable(labelled.get("version")).or(() -> first(VERSION_LINE, text)).orElse("");
    Optional<TaskStatus> status =
        first(EMOJI_STATUS, text)
            .or(() -> first(STATUS_LABEL, text))
            .or(() -> Optional.ofNullable(labelled.get("status")))
            .map(word -> word.replaceAll("[^A-Za-z_]", ""))
            .filter(word -> !word.isEmpty())
            .map(word -> TaskStatus.parse(word.toLowerCase(Locale.ROOT)));

    return Optional.of(
        new SemaphoreAlert(
            taskId.getAsLong(),
            projectId,
            templateId,
            clean(name),
            status,
            // Semaphore writes an em dash when no user started the task.
            clean(author).equals("\u2014") ? "" : clean(author),
            clean(version),
            url,
            format));
  }

  /** Slack, Rocket.Chat and Teams give label/value objects: {"title": "Author", "value": "x"}. */
  private static Map<String, String> labelled(List<Pair> pairs) {
    Map<String, String> labelled = new LinkedHashMap<>();
    for (int i = 0; i + 1 < pairs.size(); i++) {
      Pair label = pairs.get(i);
      Pair value = pairs.get(i + 1);
      if (label.key().equals("title") && value.key().equals("value")) {
        String name = label.value().strip().toLowerCase(Locale.ROOT);
        if (name.endsWith(":")) {
          name = name.substring(0, name.length() - 1).strip();
        }
        labelled.putIfAbsent(name, value.value());
      }
    }
    return labelled;
  }

  private static Optional<String> title(List<Pair> pairs) {
    return pairs.stream()
        .filter(p -> p.key().equals("title") && p.value().startsWith("Task: "))
        .map(p -> p.value().substring("Task: ".length()))
        .findFirst();
  }

  private static Optional<String> first(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  private static OptionalLong number(String digits) {
    if (digits == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(digits.strip()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static String clean(String value) {
    return value == null ? "" : MARKUP.matcher(value).replaceAll("").strip();
  }
}
