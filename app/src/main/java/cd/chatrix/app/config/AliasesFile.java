package cd.chatrix.app.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * aliases.json: a flat object mapping an alias to the command it stands for (without prefix), as in
 * the original. Parsing gives a plain ordered map; the bot module turns it into its own types. A
 * missing or empty file means no aliases. Entries that are not text are skipped with a warning.
 */
public final class AliasesFile {

  private static final JsonMapper PRETTY =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private AliasesFile() {}

  public static ParseOutcome<Map<String, String>> parse(Optional<String> content) {
    return LenientJson.parseSideFile(content, "aliases.json", Map.of(), AliasesFile::fromTree);
  }

  private static ParseOutcome<Map<String, String>> fromTree(JsonNode root) {
    if (!root.isObject()) {
      return new ParseOutcome.Rejected<>(
          "aliases.json must be an object such as {\"deploy\": \"run 1 5\"}");
    }
    Map<String, String> aliases = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : root.properties()) {
      String name = entry.getKey().strip();
      JsonNode command = entry.getValue();
      if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
        warnings.add("alias \"" + entry.getKey() + "\" skipped: a name cannot contain spaces");
      } else if (!command.isString() || command.stringValue().isBlank()) {
        warnings.add("alias \"" + name + "\" skipped: its command must be non-empty text");
      } else {
        aliases.put(name, command.stringValue().strip());
      }
    }
    return new ParseOutcome.Parsed<>(ConfigMaps.ordered(aliases), warnings);
  }

  /** The parser for {@link WatchedFile}. */
  public static FileParser<Map<String, String>> parser() {
    return AliasesFile::parse;
  }

  /** Starts watching {@code file}; an unreadable file at start means no aliases until fixed. */
  public static WatchedFile<Map<String, String>> watch(Path file, WatchedFile.Options options)
      throws IOException {
    return WatchedFile.start(file, parser(), Map.of(), options);
  }

  /**
   * Persists {@code aliases} (sorted by name, pretty-printed) by atomic replacement, keeping the
   * existing file's permissions. The watcher then sees the same content it already holds or reloads
   * it; either way every component agrees with the file.
   */
  public static void write(Path file, Map<String, String> aliases) throws IOException {
    ObjectNode root = PRETTY.createObjectNode();
    new TreeMap<>(aliases).forEach(root::put);
    AtomicFiles.write(file, PRETTY.writeValueAsString(root) + "\n", Optional.empty());
  }
}
