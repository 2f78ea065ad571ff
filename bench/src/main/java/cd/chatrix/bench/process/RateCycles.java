package cd.chatrix.bench.process;

import cd.chatrix.bench.process.RateWorld.Seat;
import cd.chatrix.testkit.matrix.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * The closed loops of the Semaphore rate bench, one per room, all rooms at once: each person asks
 * for the next thing only once the bot answered the last. Then the timings, read from the logs of
 * the homeserver and the simulator (their own clocks, the same JVM's), never from the bot.
 *
 * <ul>
 *   <li><b>start</b>: {@code !cd run <project> <template>}, the bot's question, {@code yes}, the
 *       bot's status message (which replies to the command, after Semaphore accepted the task).
 *   <li><b>read</b>: {@code !cd status} (the room's last task, asked of Semaphore), the bot's
 *       reply.
 * </ul>
 */
final class RateCycles {
  private static final String SEND = "/send/m.room.message/";
  private static final String READ_COMMAND = "!cd status";

  /** One start as the person saw it; the bench's own clock. */
  record Start(Seat seat, String command, Instant yesSent) {}

  /** One read as the person saw it. */
  record Read(Seat seat, String command, Instant sent) {}

  /**
   * A start on the servers' clocks: the homeserver receives the {@code yes} → the simulator has
   * handled the task's POST → the homeserver receives the status message.
   */
  record StartTiming(Instant yes, Instant post, Instant status) {
    double yesToPostMs() {
      return millis(yes, post);
    }

    double postToStatusMs() {
      return millis(post, status);
    }
  }

  /** A read on the homeserver's clock: the command received → the reply received. */
  record ReadTiming(Instant command, Instant reply) {
    double reactionMs() {
      return millis(command, reply);
    }
  }

  private final RateWorld world;

  RateCycles(RateWorld world) {
    this.world = world;
  }

  /** {@code perRoom} starts in every room at once; returns them in no particular order. */
  List<Start> starts(int perRoom) throws Exception {
    return inEveryRoom(seat -> {
      List<Start> done = new ArrayList<>();
      String run = "!cd run " + seat.project() + " " + seat.template();
      for (int i = 0; i < perRoom; i++) {
        String command = seat.person().sendText(seat.room(), run);
        world.awaitReply(seat, command); // the question
        Instant yesSent = Instant.now();
        seat.person().sendText(seat.room(), "yes");
        world.awaitReply(seat, command); // the status message
        done.add(new Start(seat, command, yesSent));
      }
      return done;
    });
  }

  /** {@code perRoom} reads in every room at once. */
  List<Read> reads(int perRoom) throws Exception {
    return inEveryRoom(seat -> {
      List<Read> done = new ArrayList<>();
      for (int i = 0; i < perRoom; i++) {
        Instant sent = Instant.now();
        String command = seat.person().sendText(seat.room(), READ_COMMAND);
        world.awaitReply(seat, command);
        done.add(new Read(seat, command, sent));
      }
      return done;
    });
  }

  private interface RoomLoop<T> {
    List<T> run(Seat seat) throws Exception;
  }

  private <T> List<T> inEveryRoom(RoomLoop<T> loop) throws Exception {
    try (ExecutorService rooms = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Callable<List<T>>> tasks = new ArrayList<>();
      for (Seat seat : world.seats()) {
        tasks.add(() -> loop.run(seat));
      }
      List<T> all = new ArrayList<>();
      for (Future<List<T>> room : rooms.invokeAll(tasks)) {
        all.addAll(room.get());
      }
      return all;
    }
  }

  /** Finds each start in the servers' logs; fails when one of its three steps is missing. */
  List<StartTiming> timings(
      List<Start> starts,
      List<RecordedRequest> homeserver,
      List<cd.chatrix.testkit.semaphore.RecordedRequest> semaphore) {
    List<StartTiming> timings = new ArrayList<>();
    for (Start start : starts) {
      Instant yes =
          first(homeserver, start.yesSent(), sendIn(start.seat(), "\"yes\""), "the yes")
              .receivedAt();
      String tasks = "/api/project/" + start.seat().project() + "/tasks";
      Instant post =
          semaphore.stream()
              .filter(r -> r.method().equals("POST") && r.path().equals(tasks))
              .filter(r -> !r.at().isBefore(yes))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no POST " + tasks + " after a yes"))
              .at();
      Instant status =
          first(homeserver, post, botReplyTo(start.command()), "the status message").receivedAt();
      timings.add(new StartTiming(yes, post, status));
    }
    return timings;
  }

  /** Finds each read in the homeserver's log. */
  List<ReadTiming> readTimings(List<Read> reads, List<RecordedRequest> homeserver) {
    List<ReadTiming> timings = new ArrayList<>();
    for (Read read : reads) {
      Instant command =
          first(homeserver, read.sent(), sendIn(read.seat(), READ_COMMAND), "the read")
              .receivedAt();
      Instant reply =
          first(homeserver, command, botReplyTo(read.command()), "its reply").receivedAt();
      timings.add(new ReadTiming(command, reply));
    }
    return timings;
  }

  private static RecordedRequest first(
      List<RecordedRequest> log, Instant from, Predicate<RecordedRequest> matches, String what) {
    return log.stream()
        .filter(r -> !r.receivedAt().isBefore(from))
        .filter(matches)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(what + " is not in the homeserver's log"));
  }

  /** A message PUT into the seat's room whose body holds {@code text}. */
  private static Predicate<RecordedRequest> sendIn(Seat seat, String text) {
    return r ->
        r.method().equals("PUT")
            && r.path().contains(SEND)
            && URLDecoder.decode(r.path(), StandardCharsets.UTF_8).contains(seat.room())
            && r.body().contains(text);
  }

  /** The bot's message PUT that names {@code command} (its reply relation). */
  private static Predicate<RecordedRequest> botReplyTo(String command) {
    return r -> r.method().equals("PUT") && r.path().contains(SEND) && r.body().contains(command);
  }

  private static double millis(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e6;
  }
}
