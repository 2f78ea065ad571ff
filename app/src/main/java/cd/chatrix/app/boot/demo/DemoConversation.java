package cd.chatrix.app.boot.demo;

import static cd.chatrix.app.boot.demo.RoomEvents.body;
import static cd.chatrix.app.boot.demo.RoomEvents.isEdit;
import static cd.chatrix.app.boot.demo.RoomEvents.mentions;
import static cd.chatrix.app.boot.demo.RoomEvents.repliesTo;

import cd.chatrix.testkit.matrix.TestUser;
import java.io.PrintStream;
import java.time.Duration;
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

  public DemoConversation(DemoSandbox sandbox, PrintStream out) {
    this.sandbox = sandbox;
    this.out = out;
  }

  /** What the conversation ended with: the bot's announcement of the finished run. */
  public record Outcome(String runAnnouncement) {}

  /** Plays the script; throws if the bot stays silent where it should answer. */
  public Outcome play() {
    awaitBot(repliesTo(say("!cd help")));
    awaitBot(repliesTo(say("!cd templates " + sandbox.projectId())));
    awaitBot(repliesTo(say("!cd run " + sandbox.projectId() + " " + sandbox.templates().deploy())));
    say("yes");
    JsonNode announcement = awaitBot(mentions(sandbox.person().userId()), RUN_WAIT);
    return new Outcome(body(announcement));
  }

  /** Sends as the person and returns the event id, so the bot's answer can be matched to it. */
  private String say(String text) {
    out.println("  " + DemoSandbox.PERSON_LOCALPART + ": " + text);
    return sandbox.person().sendText(sandbox.roomId(), text);
  }

  private JsonNode awaitBot(Predicate<JsonNode> wanted) {
    return awaitBot(wanted, ANSWER_WAIT);
  }

  /**
   * Waits for a new message of the bot's (edits are the status message moving, not new lines); the
   * testkit hands each event out once, so an answer is never printed twice.
   */
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
                      && wanted.test(e),
              wait);
    } catch (AssertionError silent) {
      // The testkit reports a timeout as a test failure; here it is the demo's own failure.
      throw new IllegalStateException(
          "the bot did not answer within " + wait.toSeconds() + " s; run with -v to see its log");
    }
    for (String line : body(event).split("\n")) {
      out.println("  bot: " + line);
    }
    return event;
  }
}
