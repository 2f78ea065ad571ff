package cd.chatrix.app.demo;

import cd.chatrix.testkit.matrix.TestUser;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * A short conversation between the demo person and the bot, printed as a chat transcript: what a
 * newcomer would type in a room, and what the bot answers, ending with a finished run.
 */
public final class DemoConversation {
  private static final Duration ANSWER_WAIT = Duration.ofSeconds(30);
  private static final Duration RUN_WAIT = Duration.ofSeconds(90);

  private final DemoSandbox sandbox;
  private final PrintStream out;
  private final Set<String> shown = new HashSet<>();

  public DemoConversation(DemoSandbox sandbox, PrintStream out) {
    this.sandbox = sandbox;
    this.out = out;
  }

  /** What the conversation ended with. */
  public record Outcome(String runAnnouncement, List<String> botLines) {}

  /** Plays the script; throws if the bot stays silent where it should answer. */
  public Outcome play() {
    awaitBot(repliesTo(say("!cd help")));
    awaitBot(repliesTo(say("!cd templates " + sandbox.projectId())));
    awaitBot(repliesTo(say("!cd run " + sandbox.projectId() + " " + sandbox.templates().deploy())));
    say("yes");
    JsonNode announcement = awaitBot(mentionsPerson(), RUN_WAIT);
    return new Outcome(body(announcement), List.copyOf(shown));
  }

  /** Sends as the person and returns the event id, so the bot's answer can be matched to it. */
  private String say(String text) {
    out.println("  " + DemoSandbox.PERSON_LOCALPART + ": " + text);
    return sandbox.person().sendText(sandbox.roomId(), text);
  }

  private JsonNode awaitBot(Predicate<JsonNode> wanted) {
    return awaitBot(wanted, ANSWER_WAIT);
  }

  /** Waits for a new message of the bot's (edits are the status message moving, not new lines). */
  private JsonNode awaitBot(Predicate<JsonNode> wanted, Duration wait) {
    TestUser person = sandbox.person();
    JsonNode event;
    try {
      event =
          person.awaitEvent(
              sandbox.roomId(),
              e ->
                  sandbox.botUserId().equals(e.path("sender").asString(""))
                      && "m.room.message".equals(e.path("type").asString(""))
                      && !isEdit(e)
                      && !shown.contains(e.path("event_id").asString(""))
                      && wanted.test(e),
              wait);
    } catch (AssertionError silent) {
      // The testkit reports a timeout as a test failure; here it is the demo's own failure.
      throw new IllegalStateException(
          "the bot did not answer within " + wait.toSeconds() + " s; run with -v to see its log");
    }
    shown.add(event.path("event_id").asString(""));
    for (String line : body(event).split("\n")) {
      out.println("  bot: " + line);
    }
    return event;
  }

  private Predicate<JsonNode> mentionsPerson() {
    String person = sandbox.person().userId();
    return e -> {
      for (JsonNode id : e.path("content").path("m.mentions").path("user_ids")) {
        if (person.equals(id.asString(""))) {
          return true;
        }
      }
      return false;
    };
  }

  /** The bot answers a command as a reply to it, or inside a thread rooted at it. */
  private static Predicate<JsonNode> repliesTo(String commandEventId) {
    return e -> {
      JsonNode relation = e.path("content").path("m.relates_to");
      return commandEventId.equals(relation.path("m.in_reply_to").path("event_id").asString(""))
          || commandEventId.equals(relation.path("event_id").asString(""));
    };
  }

  private static boolean isEdit(JsonNode event) {
    return "m.replace"
        .equals(event.path("content").path("m.relates_to").path("rel_type").asString(""));
  }

  private static String body(JsonNode event) {
    return event.path("content").path("body").asString("");
  }
}
