package cd.chatrix.app.faults;

import static cd.chatrix.app.boot.demo.RoomEvents.body;
import static cd.chatrix.app.boot.demo.RoomEvents.isEdit;
import static cd.chatrix.app.boot.demo.RoomEvents.relation;
import static cd.chatrix.app.boot.demo.RoomEvents.repliesTo;

import cd.chatrix.testkit.matrix.Faults;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import tools.jackson.databind.JsonNode;

/** The exercises that are more than one command and its answer. */
final class HomeserverExercises {
  private HomeserverExercises() {}

  /**
   * Asks for a run, then (during the fault) says "no": the bot edits its prompt to "Cancelled" and
   * answers. The edit must land once, after the lift.
   */
  static HomeserverExercise cancelARun(HomeserverLane lane) {
    String room = lane.room();
    var sandbox = lane.sandbox();
    String run =
        lane.say(room, "!cd run " + sandbox.projectId() + " " + sandbox.templates().deploy());
    String prompt = lane.awaitAnswer(room, run, HomeserverLane.ANSWER).path("event_id").asString();
    return new HomeserverExercise() {
      @Override
      public void during() {
        lane.say(room, "no");
      }

      @Override
      public Outcome finish(Duration wait) {
        Optional<JsonNode> edit = lane.awaitBotEvent(room, editOf(prompt, "Cancelled"), wait);
        return edit.isPresent()
            ? Outcome.ok()
            : Outcome.failed("the prompt was not edited to \"Cancelled\" within " + wait);
      }

      @Override
      public List<String> recheck() {
        int edits = lane.botEvents(room, editOf(prompt, "")).size();
        return edits == 1 ? List.of() : List.of("the prompt was edited " + edits + " times");
      }
    };
  }

  private static java.util.function.Predicate<JsonNode> editOf(String eventId, String text) {
    return e ->
        isEdit(e)
            && eventId.equals(relation(e).path("event_id").asString(""))
            && e.path("content").path("m.new_content").path("body").asString("").contains(text);
  }

  /**
   * During the fault the person invites the bot to a new room; the bot must be in it once the fault
   * is lifted (a lost invite is not sent again) and answer there.
   */
  static HomeserverExercise acceptAnInvite(HomeserverLane lane) {
    return new HomeserverExercise() {
      private String room;
      private HomeserverExercise.Command ping;

      @Override
      public void during() {
        room = lane.inviteToNewRoom();
      }

      @Override
      public Outcome finish(Duration wait) {
        try {
          lane.awaitMembership(room, lane.botUserId(), "join");
        } catch (AssertionError notJoined) {
          return Outcome.failed("the bot did not join the room it was invited to during the fault");
        }
        ping = new HomeserverExercise.Command(lane, room, "!cd ping", e -> true);
        ping.during();
        return ping.finish(wait);
      }

      @Override
      public List<String> recheck() {
        List<String> problems = new ArrayList<>(ping == null ? List.of() : ping.recheck());
        long joins = lane.membershipEvents(room, lane.botUserId(), "join");
        if (joins != 1) {
          problems.add("the bot joined " + joins + " times");
        }
        return problems;
      }
    };
  }

  /** An admin asks the bot to leave a room; it leaves (or says it could not, then leaves). */
  static HomeserverExercise leaveARoom(HomeserverLane lane) {
    String target = lane.newRoom();
    HomeserverExercise.Command leave =
        new HomeserverExercise.Command(
            lane, lane.room(), "!cd rooms leave " + target, e -> body(e).startsWith("Left"));
    return new HomeserverExercise() {
      @Override
      public void during() {
        leave.during();
      }

      @Override
      public Outcome finish(Duration wait) {
        Outcome outcome = leave.finish(wait);
        if (!outcome.problems().isEmpty()) {
          return outcome;
        }
        String membership = lane.membership(target, lane.botUserId());
        return membership.equals("leave")
            ? outcome
            : Outcome.failed("the bot said it left, but its membership is " + membership);
      }

      @Override
      public List<String> recheck() {
        return leave.recheck();
      }
    };
  }

  /**
   * {@code logs} of a task whose output is too long for a message: the bot answers with the tail
   * and attaches the whole log as a file, or says that the file could not be attached.
   */
  static HomeserverExercise attachALog(HomeserverLane lane) {
    int task = longTask(lane);
    String room = lane.room();
    String text = "!cd logs " + task;
    return new HomeserverExercise() {
      private final List<String> sent = new ArrayList<>();

      @Override
      public void during() {
        sent.add(lane.say(room, text));
      }

      @Override
      public Outcome finish(Duration wait) {
        if (attachedOrRefused(sent.getFirst(), wait)
            .map(HomeserverExercises::isFile)
            .orElse(false)) {
          return Outcome.ok();
        }
        String again = lane.say(room, text);
        sent.add(again);
        return attachedOrRefused(again, wait).map(HomeserverExercises::isFile).orElse(false)
            ? Outcome.ok()
            : Outcome.failed("after the lift the log was still not attached");
      }

      private Optional<JsonNode> attachedOrRefused(String command, Duration wait) {
        return lane.awaitBotEvent(
            room,
            e ->
                repliesTo(command).test(e)
                    && (isFile(e) || body(e).contains("could not be attached")),
            wait);
      }

      @Override
      public List<String> recheck() {
        List<String> problems = new ArrayList<>();
        for (String command : sent) {
          List<JsonNode> answers = lane.answers(room, command);
          long files = answers.stream().filter(HomeserverExercises::isFile).count();
          long tails = answers.stream().filter(e -> body(e).contains("Output of task")).count();
          if (files > 1 || tails != 1) {
            problems.add(
                "\"" + text + "\" got " + tails + " tails and " + files + " files attached");
          }
        }
        return problems;
      }
    };
  }

  private static boolean isFile(JsonNode event) {
    return "m.file".equals(event.path("content").path("msgtype").asString(""));
  }

  /** A finished task whose output is longer than a message may be (made once per lane). */
  private static int longTask(HomeserverLane lane) {
    var semaphore = lane.sandbox().semaphore();
    int project = lane.sandbox().projectId();
    int task =
        semaphore.seedTasks(project, lane.sandbox().templates().deploy(), 1, "success").getFirst();
    String[] lines =
        IntStream.range(0, 3000)
            .mapToObj(i ->
                String.format("%04d ok: [web-%02d] => changed=false, a line of output", i, i % 40))
            .toArray(String[]::new);
    semaphore.appendOutput(task, lines);
    return task;
  }

  /**
   * During the fault the bot's access token expires; the next request makes it renew (refresh) or,
   * with {@code relogin}, log in again because the server also forgot the refresh token. A ping
   * said meanwhile must be answered once the fault is lifted.
   */
  static HomeserverExercise afterTheTokenExpired(HomeserverLane lane, boolean relogin) {
    HomeserverExercise.Command ping =
        new HomeserverExercise.Command(lane, lane.room(), "!cd ping", e -> true);
    return new HomeserverExercise() {
      private Optional<Faults.Outage> refreshRefused = Optional.empty();

      @Override
      public void during() {
        if (relogin) {
          refreshRefused =
              Optional.of(lane.faults().on("/refresh").failWith(401, "M_UNKNOWN_TOKEN"));
        }
        lane.faults().expireAccessToken(lane.botAccessToken());
        ping.during();
      }

      @Override
      public Outcome finish(Duration wait) {
        try {
          return ping.finish(wait);
        } finally {
          refreshRefused.ifPresent(Faults.Outage::lift);
        }
      }

      @Override
      public List<String> recheck() {
        return ping.recheck();
      }
    };
  }

  /**
   * During the fault the person adds a device and says a command in the encrypted room: before the
   * bot can answer there it must query the new device's keys, claim one of its one-time keys and
   * send it the room key.
   */
  static HomeserverExercise answerOnANewDevice(HomeserverLane lane) {
    String room = lane.encryptedRoom();
    return new HomeserverExercise() {
      private String command;

      @Override
      public void during() {
        lane.addPersonDevice();
        command = lane.say(room, "!cd ping");
      }

      @Override
      public Outcome finish(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
          if (!lane.botEventsAfter(room, command).isEmpty()) {
            return Outcome.ok();
          }
          HomeserverLane.pause(Duration.ofMillis(100));
        }
        return Outcome.failed("no encrypted answer to the command within " + wait);
      }

      @Override
      public List<String> recheck() {
        // The encrypted answer hides its relation (it is inside the ciphertext), so "answered
        // once" is: exactly one bot message after the command in a room nobody else talks in.
        int answers = lane.botEventsAfter(room, command).size();
        return answers == 1
            ? List.of()
            : List.of("the command in the encrypted room got " + answers + " answers");
      }
    };
  }

  /**
   * During the fault someone claims many of the bot's one-time keys (as senders of encrypted
   * messages do); the bot must publish new ones once the fault is lifted. A ping said meanwhile in
   * the clear room is answered as usual.
   */
  static HomeserverExercise refillOneTimeKeys(HomeserverLane lane) {
    HomeserverExercise.Command ping =
        new HomeserverExercise.Command(lane, lane.room(), "!cd ping", e -> true);
    return new HomeserverExercise() {
      @Override
      public void during() {
        String device = lane.bot().matrix().session().deviceId();
        var claim = tools.jackson.databind.json.JsonMapper.builder().build().createObjectNode();
        claim
            .putObject("one_time_keys")
            .putObject(lane.botUserId())
            .put(device, "signed_curve25519");
        for (int i = 0; i < 40; i++) {
          lane.person().call("POST", "/_matrix/client/v3/keys/claim", claim);
        }
        // The count reaches the bot with its next sync, which this wakes.
        ping.during();
      }

      @Override
      public Outcome finish(Duration wait) {
        Instant lifted = Instant.now();
        Outcome answered = ping.finish(wait);
        if (!answered.problems().isEmpty()) {
          return answered;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
          boolean uploaded =
              lane.sandbox().homeserver().requests().stream()
                  .anyMatch(r ->
                      r.canonicalPath().equals("/_matrix/client/v3/keys/upload")
                          && r.body().contains(lane.botUserId())
                          && r.receivedAt().isAfter(lifted));
          if (uploaded) {
            return Outcome.ok();
          }
          HomeserverLane.pause(Duration.ofMillis(100));
        }
        return Outcome.failed("the bot published no new one-time keys after the lift");
      }

      @Override
      public List<String> recheck() {
        return ping.recheck();
      }
    };
  }
}
