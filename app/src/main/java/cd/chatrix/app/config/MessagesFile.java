package cd.chatrix.app.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * messages.json: an object mapping a category (greetings, pet, …) to a list of template strings.
 * Parsing yields plain maps; the bot module merges them over its built-in messages category by
 * category, so a missing file (empty map) simply means "use the built-ins". Values that are not
 * lists of text are skipped with a warning, as the original did.
 */
public final class MessagesFile {

  private MessagesFile() {}

  public static ParseOutcome<Map<String, List<String>>> parse(Optional<String> content) {
    return LenientJson.parseSideFile(content, "messages.json", Map.of(), MessagesFile::fromTree);
  }

  private static ParseOutcome<Map<String, List<String>>> fromTree(JsonNode root) {
    if (!root.isObject()) {
      return new ParseOutcome.Rejected<>(
          "messages.json must be an object such as {\"pet\": [\"Thanks!\"]}");
    }
    Map<String, List<String>> messages = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : root.properties()) {
      String category = entry.getKey();
      JsonNode list = entry.getValue();
      if (!list.isArray()) {
        warnings.add("category \"" + category + "\" skipped: it must be a list of texts");
        continue;
      }
      List<String> templates = new ArrayList<>();
      for (JsonNode element : list) {
        if (element.isString() && !element.stringValue().isBlank()) {
          templates.add(element.stringValue());
        } else {
          warnings.add("category \"" + category + "\": an entry that is not text was skipped");
        }
      }
      messages.put(category, List.copyOf(templates));
    }
    return new ParseOutcome.Parsed<>(ConfigMaps.ordered(messages), warnings);
  }

  /** The parser for {@link WatchedFile}. */
  public static FileParser<Map<String, List<String>>> parser() {
    return MessagesFile::parse;
  }

  /** Starts watching {@code file}; until it parses, the built-in messages apply (empty map). */
  public static WatchedFile<Map<String, List<String>>> watch(Path file, WatchedFile.Options options)
      throws IOException {
    return WatchedFile.start(file, parser(), Map.of(), options);
  }
}
