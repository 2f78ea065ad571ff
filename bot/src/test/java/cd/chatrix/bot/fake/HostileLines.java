package cd.chatrix.bot.fake;

import cd.chatrix.bot.command.CommandSpec;
import cd.chatrix.bot.commands.Commands;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random message bodies of the kind that broke the bot on a real homeserver, from one seed: every
 * command name, synonym and alias with random arguments behind random prefixes, with hostile HTML,
 * odd Unicode, numbers out of any range, broken quotes and JSON, and lines up to 40 KB. The same
 * seed always gives the same lines, so a failure replays.
 */
public final class HostileLines {
  static final List<String> PREFIXES =
      List.of(
          "!cd ",
          "!cd ",
          "!cd ",
          "!cd ",
          "!CD ",
          "!Cd\t",
          "  !cd   ",
          "!cd\n",
          "!cd",
          "> <@bob:example.org> an earlier message\n\n!cd ",
          "> quoted without a blank line\n!cd ",
          "!cdx ",
          "!c d ",
          "cd ",
          "",
          "!cd\u200b ",
          "\u202e!cd ",
          "!cd\u00a0",
          "\u3000!cd\u3000",
          "!cd\u001c");

  static final List<String> NUMBERS =
      List.of(
          "0",
          "-1",
          "1",
          "2",
          "5",
          "6",
          "7",
          "101",
          "102",
          "#5",
          "#101",
          "1/101",
          "2/102",
          "0/0",
          "-1/-1",
          "1/99999999999999999999",
          "99999999999999999999/1",
          "99999999999999999999",
          "-99999999999999999999",
          "2147483647",
          "2147483648",
          "9223372036854775807",
          "9223372036854775808",
          "-9223372036854775809",
          "000000000000000000000000000000000000000000005",
          "+5",
          "--5",
          "1e9",
          "0x10",
          "1.5",
          "NaN",
          "\u0663",
          "\uff13",
          "\ud835\udfd8",
          "1\u0000",
          "5\u200d");

  static final List<String> HOSTILE =
      List.of(
          "<script>alert(1)</script>",
          "<a href=javascript:alert(1)>click</a>",
          "<a href=\"javascript:alert(1)\">x</a>",
          "<img src=x onerror=alert(1)>",
          "&",
          "&amp;",
          "&lt;b&gt;",
          "&#x3C;script&#x3E;",
          "\"",
          "'",
          "\"'\"'",
          "</code></pre><b>",
          "<font data-mx-color=\"#ff0000\">red</font>",
          "<!--",
          "]]>",
          "${jndi:ldap://x/a}",
          "{name}",
          "%s%n%x",
          "\\",
          "`",
          "@room",
          "@alice:example.org",
          "@<b>:example.org",
          "!ops:example.org",
          "#ops:example.org",
          "https://matrix.to/#/@alice:example.org");

  static final List<String> UNICODE =
      List.of(
          "\u200f",
          "\u200e",
          "\u202e",
          "\u202d",
          "\u2066",
          "\u2069",
          "\u200d",
          "\u200b",
          "\ufeff",
          "\u2028",
          "\u2029",
          "\u0085",
          "\u0000",
          "\u0007",
          "\u001b[31m",
          "\u001b]8;;https://x\u0007",
          "\u007f",
          "\r",
          "\n",
          "\t",
          "e\u0301",
          "\u0928\u093f",
          "\ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67",
          "\ud83d\ude00",
          "\ud83c\uddfa\ud83c\udde6",
          "\ud800",
          "\udc00",
          "\udbff\udfff",
          "\uffff",
          "\ufffd",
          "\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
          "\u05e2\u05d1\u05e8\u05d9\u05ea",
          "Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f\u0334\u0319\u0324\u031e");

  static final List<String> QUOTES =
      List.of(
          "'",
          "\"",
          "'abc",
          "\"abc",
          "a'b",
          "a\"b\"c",
          "''",
          "\"\"",
          "'\"'",
          "\"\\\"",
          "\"a\\\"b\"",
          "\\",
          "\\\\",
          "'a b' \"c d\"",
          "\"unterminated \\\"");

  static final List<String> OPTIONS =
      List.of(
          "--tail",
          "--tail=3",
          "--tail=0",
          "--tail=-1",
          "--tail=99999999999999999999",
          "--tail 2147483648",
          "--tags=a,b",
          "--tags=,,,",
          "--skip-tags=<b>",
          "--limit=web1,web2",
          "--limit",
          "--args={\"a\":",
          "--args='{\"a\": [1, 2'",
          "--args='-e {\"x\":1}'",
          "--args=\"-e '{broken\"",
          "--args='-e \"x=1 y=2\"'",
          "--args='\"'",
          "--args=''",
          "--env",
          "--env=X",
          "--env ==",
          "--env =v",
          "--env COUNT=99999999999999999999",
          "--env COUNT=-5",
          "--env COUNT=abc",
          "--env LEVEL=<script>",
          "--env LEVEL=high",
          "--env <b>=1",
          "--message",
          "--message=<script>alert(1)</script>",
          "--message \"why not\"",
          "--branch=<b>main</b>",
          "--branch",
          "--dry-run",
          "--dry-run=yes",
          "--diff",
          "--debug",
          "--force",
          "--force=yes",
          "--failures-only",
          "--unknown<script>",
          "--",
          "--=",
          "---",
          "--\u202e",
          "-x");

  static final List<String> WORDS =
      List.of(
          "on",
          "off",
          "ON",
          "add",
          "remove",
          "rm",
          "delete",
          "list",
          "join",
          "leave",
          "part",
          "start",
          "accept",
          "confirm",
          "cancel",
          "info",
          "yes",
          "no",
          "infra",
          "Infra",
          "deploy",
          "Deploy web",
          "backup",
          "evil",
          "survey",
          "PHONE",
          "LAPTOP",
          "BOTDEVICE",
          "@alice:example.org",
          "@bob:example.org",
          "@chatrix:example.org",
          "!ops:example.org",
          "!elsewhere:example.org",
          "#ops:example.org",
          "ops",
          "a",
          "_",
          "x".repeat(300));

  static final List<String> REPEATED =
      List.of(
          "<",
          ">",
          "&",
          "\"",
          "'",
          "x",
          "é",
          "\u0301",
          "\ud83d\ude00",
          "\ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67",
          "\u202e",
          "\u0000",
          "\\",
          "<script>",
          "a b ",
          "--tags=a,",
          "99999999999999999999 ");

  /** Good beginnings per command, so the hostile words after them reach deeper into handlers. */
  static final java.util.Map<String, List<String>> GOOD_STARTS =
      java.util.Map.ofEntries(
          java.util.Map.entry("templates", List.of("1", "infra", "2", "#3")),
          java.util.Map.entry(
              "run", List.of("1 5", "infra deploy", "2 7 --env COUNT=3", "1 6", "3 8")),
          java.util.Map.entry("status", List.of("101", "77", "1/77", "#102")),
          java.util.Map.entry("logs", List.of("77", "101", "1/77 --tail 2")),
          java.util.Map.entry("stop", List.of("77", "101")),
          java.util.Map.entry("confirm", List.of("77", "101")),
          java.util.Map.entry("reject", List.of("77")),
          java.util.Map.entry("log", List.of("on", "off")),
          java.util.Map.entry("subscribe", List.of("1", "infra", "2 7", "1 5 --failures-only")),
          java.util.Map.entry("unsubscribe", List.of("1", "2 7")),
          java.util.Map.entry("aliases", List.of("add x run 1 5", "remove x", "add y status")),
          java.util.Map.entry("rooms", List.of("join !x:example.org", "leave !x:example.org")),
          java.util.Map.entry("audit", List.of("5", "999")),
          java.util.Map.entry(
              "verify",
              List.of("start @alice:example.org PHONE", "accept", "confirm", "cancel", "")),
          java.util.Map.entry("sessions", List.of("list @alice:example.org", "info", "list")),
          java.util.Map.entry("help", List.of("run", "deploy", "verify")));

  private final Random random;
  private final List<String> commandWords;

  /** Lines from {@code seed}; {@code aliases} are the alias names set up for the bot. */
  public HostileLines(long seed, List<String> aliases) {
    this.random = new Random(seed);
    var words = new ArrayList<String>();
    for (CommandSpec c : Commands.ALL.specs()) {
      words.add(c.name());
      words.addAll(c.synonyms());
    }
    words.addAll(aliases);
    this.commandWords = List.copyOf(words);
  }

  public Random random() {
    return random;
  }

  /** The next message body. */
  public String next() {
    int kind = random.nextInt(100);
    if (kind < 3) {
      return pick(List.of("yes", "no", "ok", "👍", "nope", "YES!", "y", "do it"));
    }
    if (kind < 6) {
      return huge(random.nextInt(41_000));
    }
    if (kind < 10) {
      return pick(PREFIXES) + huge(random.nextInt(41_000));
    }
    var line = new StringBuilder(pick(PREFIXES));
    String word = commandWord();
    line.append(word);
    var starts = GOOD_STARTS.get(word);
    if (starts != null && random.nextInt(3) == 0) {
      line.append(' ').append(pick(starts));
    }
    int args = random.nextInt(7);
    for (int i = 0; i < args; i++) {
      line.append(separator()).append(argument());
    }
    if (random.nextInt(20) == 0) {
      line.append(' ').append(huge(random.nextInt(41_000)));
    }
    return line.toString();
  }

  private String commandWord() {
    int k = random.nextInt(20);
    String w = pick(commandWords);
    return switch (k) {
      case 0 -> w.toUpperCase(java.util.Locale.ROOT);
      case 1 -> w.substring(0, Math.max(1, w.length() - 1));
      case 2 -> w + pick(HOSTILE);
      case 3 -> pick(UNICODE) + w;
      case 4 -> randomText(1 + random.nextInt(12));
      case 5 -> "";
      default -> w;
    };
  }

  private String separator() {
    return switch (random.nextInt(12)) {
      case 0 -> "  ";
      case 1 -> "\t";
      case 2 -> "\u00a0";
      case 3 -> "\n";
      case 4 -> "";
      default -> " ";
    };
  }

  private String argument() {
    return switch (random.nextInt(10)) {
      case 0, 1 -> pick(NUMBERS);
      case 2 -> pick(HOSTILE);
      case 3 -> pick(UNICODE) + (random.nextBoolean() ? pick(WORDS) : "");
      case 4 -> pick(QUOTES);
      case 5, 6 -> pick(OPTIONS);
      case 7 -> pick(WORDS);
      case 8 -> randomText(1 + random.nextInt(30));
      default -> random.nextInt(8) == 0 ? huge(random.nextInt(12_000)) : pick(WORDS);
    };
  }

  /** Up to {@code length} chars of one repeated piece or of mixed hostile pieces. */
  private String huge(int length) {
    var sb = new StringBuilder(length + 64);
    boolean one = random.nextBoolean();
    String piece = pick(REPEATED);
    while (sb.length() < length) {
      sb.append(one ? piece : pick(random.nextBoolean() ? HOSTILE : UNICODE));
    }
    return sb.toString();
  }

  private String randomText(int length) {
    var sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(5)) {
        case 0 -> sb.append((char) (0x21 + random.nextInt(0x5e)));
        case 1 -> sb.append((char) random.nextInt(0x20));
        case 2 -> sb.append(pick(UNICODE));
        case 3 -> sb.appendCodePoint(random.nextInt(0x10FFFF + 1));
        default -> sb.append((char) ('a' + random.nextInt(26)));
      }
    }
    return sb.toString();
  }

  private String pick(List<String> from) {
    return from.get(random.nextInt(from.size()));
  }

  /** A line made readable for a failure message: escapes instead of odd characters, cut. */
  public static String printable(String line) {
    var sb = new StringBuilder();
    line.codePoints()
        .limit(300)
        .forEach(c -> {
          if (c >= 0x20 && c < 0x7f && c != '\\') {
            sb.append((char) c);
          } else if (c == '\\') {
            sb.append("\\\\");
          } else {
            for (char ch : Character.toChars(c)) {
              sb.append(String.format("\\u%04x", (int) ch));
            }
          }
        });
    return line.length() > 300 ? sb + "… (" + line.length() + " chars)" : sb.toString();
  }
}
