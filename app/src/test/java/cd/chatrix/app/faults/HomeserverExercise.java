package cd.chatrix.app.faults;

import static cd.chatrix.app.boot.demo.RoomEvents.body;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * What a cell does to make the bot call the faulted endpoint, and how it checks the outcome once
 * the fault is lifted: every command answered exactly once (or answered with what failed), and the
 * endpoint working again.
 */
interface HomeserverExercise {

  /** Right after the fault went on: send the command (or cause the call). */
  void during();

  /** After the lift: waits for the outcome and says what is wrong with it (empty: fine). */
  Outcome finish(Duration wait);

  /** Once things settled: checks that nothing arrived twice (empty: fine). */
  List<String> recheck();

  /** When the outcome became visible, and the problems seen. */
  record Outcome(Instant visibleAt, List<String> problems) {
    static Outcome ok() {
      return new Outcome(Instant.now(), List.of());
    }

    static Outcome failed(String problem) {
      return new Outcome(Instant.now(), List.of(problem));
    }
  }

  /**
   * A command whose answer shows the endpoint at work. If the bot answers that it failed (it may
   * give up while the fault is on), the command is said again after the lift and must then work.
   */
  final class Command implements HomeserverExercise {
    private final HomeserverLane lane;
    private final String roomId;
    private final String text;
    private final Predicate<JsonNode> worked;
    private final List<String> sent = new ArrayList<>();
    private boolean again;

    /**
     * @param worked whether an answer shows success (anything else is taken as "says it failed")
     */
    Command(HomeserverLane lane, String roomId, String text, Predicate<JsonNode> worked) {
      this.lane = lane;
      this.roomId = roomId;
      this.text = text;
      this.worked = worked;
    }

    /** Says the command again after the lift in any case: its second answer shows recovery. */
    Command thenAgain() {
      again = true;
      return this;
    }

    @Override
    public void during() {
      sent.add(lane.say(roomId, text));
    }

    @Override
    public Outcome finish(Duration wait) {
      JsonNode first;
      try {
        first = lane.awaitAnswer(roomId, sent.getFirst(), wait);
      } catch (AssertionError none) {
        return Outcome.failed("the command said during the fault got no answer within " + wait);
      }
      if (worked.test(first) && !again) {
        return Outcome.ok();
      }
      // It said that it failed (or recovery shows only on a second call): after the lift the same
      // command must work.
      String again = lane.say(roomId, text);
      sent.add(again);
      try {
        JsonNode second = lane.awaitAnswer(roomId, again, wait);
        return worked.test(second)
            ? Outcome.ok()
            : Outcome.failed("after the lift the command still fails: " + body(second));
      } catch (AssertionError none) {
        return Outcome.failed("the command said after the lift got no answer within " + wait);
      }
    }

    @Override
    public List<String> recheck() {
      List<String> problems = new ArrayList<>();
      for (String command : sent) {
        int answers = lane.answers(roomId, command).size();
        if (answers != 1) {
          problems.add("\"" + text + "\" (" + command + ") got " + answers + " answers");
        }
      }
      return problems;
    }

    /** Every command sent so far (the one during the fault first). */
    List<String> sent() {
      return List.copyOf(sent);
    }
  }
}
