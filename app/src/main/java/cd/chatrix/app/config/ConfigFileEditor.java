package cd.chatrix.app.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;

/**
 * Changes a few keys of a config file in its text, so everything else stays byte for byte: other
 * keys, comments, order, quoting, indentation. The positions come from Jackson's own parser (the
 * same dialect the loader reads); values are replaced in place, new keys go at the top of their
 * section (the section is created when missing), removed keys take their line with them.
 *
 * <pre>{@code
 * String edited = ConfigFileEditor.of(text).apply(List.of(
 *     new Edit.Put("matrix.homeserver", "\"https://matrix.example.org\""),
 *     new Edit.Remove("matrix.password_file")));
 * }</pre>
 */
final class ConfigFileEditor {

  /** One change; {@code json} is the value exactly as it should appear in the file. */
  sealed interface Edit {
    String keyPath();

    record Put(String keyPath, String json) implements Edit {}

    record Remove(String keyPath) implements Edit {}
  }

  private record Member(int keyStart, int valueStart, int valueEnd) {}

  private record Section(int open, boolean hasMembers, String memberIndent) {}

  private record Splice(int start, int end, String replacement) {}

  private final String text;
  private final Map<String, Member> members = new HashMap<>();
  private final Map<String, Section> sections = new HashMap<>();

  private ConfigFileEditor(String text) {
    this.text = text;
  }

  /** Reads the positions of every key; throws when {@code text} is not a readable config. */
  static ConfigFileEditor of(String text) {
    ConfigFileEditor editor = new ConfigFileEditor(text);
    try (JsonParser parser = LenientJson.MAPPER.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("the file does not hold a JSON object");
      }
      editor.object(parser, "", offset(parser.currentTokenLocation()));
    } catch (JacksonException e) {
      throw new IllegalArgumentException("the file is not valid JSON", e);
    }
    return editor;
  }

  boolean has(String keyPath) {
    return members.containsKey(keyPath);
  }

  /** The text with every edit made; keys of one section are added in the order given. */
  String apply(List<? extends Edit> edits) {
    List<Splice> splices = new ArrayList<>();
    Map<String, List<Edit.Put>> additions = new LinkedHashMap<>();
    for (Edit edit : edits) {
      Member member = members.get(edit.keyPath());
      switch (edit) {
        case Edit.Put put when member != null ->
            splices.add(new Splice(member.valueStart(), member.valueEnd(), put.json()));
        case Edit.Put put ->
            additions.computeIfAbsent(parentOf(put.keyPath()), k -> new ArrayList<>()).add(put);
        case Edit.Remove remove -> {
          if (member != null) {
            splices.add(removal(member));
          }
        }
      }
    }
    additions.forEach((section, puts) -> splices.add(addition(section, puts)));
    // From the end backwards, so earlier positions stay valid.
    splices.sort(Comparator.comparingInt(Splice::start).reversed());
    StringBuilder out = new StringBuilder(text);
    for (Splice s : splices) {
      out.replace(s.start(), s.end(), s.replacement());
    }
    return out.toString();
  }

  private void object(JsonParser parser, String path, int open) {
    String indent = null;
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      int keyStart = offset(parser.currentTokenLocation());
      JsonToken value = parser.nextToken();
      int valueStart = offset(parser.currentTokenLocation());
      String child = path.isEmpty() ? name : path + "." + name;
      if (value == JsonToken.START_OBJECT) {
        object(parser, child, valueStart);
      } else if (value == JsonToken.START_ARRAY) {
        parser.skipChildren();
      } else {
        parser.finishToken();
      }
      members.put(child, new Member(keyStart, valueStart, offset(parser.currentLocation())));
      if (indent == null) {
        indent = indentOfLine(keyStart);
      }
    }
    if (token != JsonToken.END_OBJECT) {
      throw new IllegalArgumentException("unexpected " + token + " in " + path);
    }
    sections.put(
        path,
        new Section(open, indent != null, indent != null ? indent : indentOfLine(open) + "  "));
  }

  private Splice removal(Member member) {
    int start = member.keyStart();
    int end = member.valueEnd();
    while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
      end++;
    }
    if (end < text.length() && text.charAt(end) == ',') {
      end++;
    }
    int lineStart = text.lastIndexOf('\n', start - 1) + 1;
    int lineEnd = text.indexOf('\n', end);
    boolean aloneOnItsLine =
        text.substring(lineStart, start).isBlank()
            && (lineEnd < 0 ? text.substring(end) : text.substring(end, lineEnd)).isBlank();
    if (aloneOnItsLine && lineEnd >= 0) {
      return new Splice(lineStart, lineEnd + 1, "");
    }
    return new Splice(start, end, "");
  }

  private Splice addition(String sectionPath, List<Edit.Put> puts) {
    Section section = sections.get(sectionPath);
    if (section == null) {
      // The section itself is missing: add it, holding the new keys, at the top of its parent.
      String parent = parentOf(sectionPath);
      Section outer = sections.get(parent);
      if (outer == null) {
        throw new IllegalArgumentException("nested sections are not added: " + sectionPath);
      }
      String inner = outer.memberIndent() + "  ";
      StringBuilder body = new StringBuilder();
      body.append('\n')
          .append(outer.memberIndent())
          .append(quote(leafOf(sectionPath)))
          .append(": {");
      appendMembers(body, inner, puts);
      body.append('\n').append(outer.memberIndent()).append('}');
      if (outer.hasMembers()) {
        body.append(',');
      }
      return new Splice(outer.open() + 1, outer.open() + 1, body.toString());
    }
    StringBuilder body = new StringBuilder();
    appendMembers(body, section.memberIndent(), puts);
    if (section.hasMembers()) {
      body.append(',');
    } else {
      body.append('\n')
          .append(section.memberIndent(), 0, Math.max(0, section.memberIndent().length() - 2));
    }
    return new Splice(section.open() + 1, section.open() + 1, body.toString());
  }

  private static void appendMembers(StringBuilder body, String indent, List<Edit.Put> puts) {
    for (int i = 0; i < puts.size(); i++) {
      Edit.Put put = puts.get(i);
      body.append('\n').append(indent).append(quote(leafOf(put.keyPath()))).append(": ");
      body.append(put.json());
      if (i < puts.size() - 1) {
        body.append(',');
      }
    }
  }

  private String indentOfLine(int position) {
    int lineStart = text.lastIndexOf('\n', position - 1) + 1;
    int end = lineStart;
    while (end < position && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
      end++;
    }
    return text.substring(lineStart, end);
  }

  private static String parentOf(String keyPath) {
    int dot = keyPath.lastIndexOf('.');
    return dot < 0 ? "" : keyPath.substring(0, dot);
  }

  private static String leafOf(String keyPath) {
    return keyPath.substring(keyPath.lastIndexOf('.') + 1);
  }

  private static String quote(String key) {
    return LenientJson.MAPPER.writeValueAsString(key);
  }

  private static int offset(TokenStreamLocation location) {
    return Math.toIntExact(location.getCharOffset());
  }
}
