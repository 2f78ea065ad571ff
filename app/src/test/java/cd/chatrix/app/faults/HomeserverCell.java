package cd.chatrix.app.faults;

import cd.chatrix.testkit.matrix.Faults;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Runs one endpoint × fault: fault on, the exercise, a hold, the lift, then every requirement of
 * the matrix checked against the room, the homeserver's count of faulted requests and the log.
 */
final class HomeserverCell {
  /** How long each fault stays on. */
  static final Duration HOLD = Duration.ofSeconds(2);

  /**
   * The back-off the bots run with in the matrix ({@code -Dchatrixcd.matrix.backoff}); the
   * production values are tested in BackoffTest.
   */
  static final String BACKOFF = "100ms,1s";

  static final Duration BACKOFF_CAP = Duration.ofSeconds(1);

  /**
   * "Recovers within 2 s of the lift or its back-off cap": 2 s, plus one cap for a retry that was
   * already waiting, plus one for a nested retry loop (transport and caller), plus a second of
   * slack for a busy CI machine.
   */
  static final Duration RECOVERY_LIMIT =
      Duration.ofSeconds(2).plus(BACKOFF_CAP.multipliedBy(2)).plusSeconds(1);

  /**
   * Requests the bot may make to one endpoint during a {@link #HOLD}. With waits of at least 50 ms
   * growing to half a second, the transport's and the caller's retry loops together make a few
   * dozen at most; a loop without back-off makes thousands.
   */
  static final int MAX_REQUESTS = 60;

  /** How long to keep watching for a second answer after the first one. */
  private static final Duration SETTLE = Duration.ofMillis(500);

  private HomeserverCell() {}

  static HomeserverCellResult run(
      HomeserverLane lane,
      HomeserverEndpoint endpoint,
      Faults.Kind kind,
      HomeserverLogCapture log) {
    List<String> problems = new ArrayList<>();
    HomeserverExercise exercise = endpoint.prepare(lane);
    Instant begin = Instant.now();
    List<Faults.Outage> outages = endpoint.inject(lane, kind);
    Instant lifted;
    int hits;
    try {
      exercise.during();
      HomeserverLane.pause(HOLD);
    } finally {
      hits = outages.stream().mapToInt(Faults.Outage::hits).sum();
      lifted = Instant.now();
      outages.forEach(Faults.Outage::lift);
    }
    HomeserverExercise.Outcome outcome = exercise.finish(HomeserverLane.ANSWER);
    problems.addAll(outcome.problems());
    HomeserverLane.pause(SETTLE);
    problems.addAll(exercise.recheck());

    awaitBackLine(lane, endpoint, log, begin, lifted);
    List<HomeserverLogCapture.Line> warnings =
        log.since(begin, l -> l.isProblem() && l.text().contains(lane.host()));
    List<HomeserverLogCapture.Line> outageWarnings =
        warnings.stream().filter(l -> l.text().contains(endpoint.outageName())).toList();
    List<HomeserverLogCapture.Line> backs =
        log.since(begin, l -> isAbout(l, lane, endpoint) && isBackLine(l));
    List<String> logProblems = checkLog(kind, warnings, outageWarnings, backs);
    if (!logProblems.isEmpty()) {
      problems.addAll(logProblems);
      problems.add(
          "the log about it from "
              + begin
              + " (lifted "
              + lifted
              + "): "
              + log.all().stream()
                  .filter(l -> isAbout(l, lane, endpoint))
                  .map(l -> l.at() + " " + l)
                  .toList());
    }
    OptionalLong recovered = recovery(lifted, backs, outcome, hits);
    if (recovered.isPresent() && recovered.getAsLong() > RECOVERY_LIMIT.toMillis()) {
      problems.add("recovered only " + recovered.getAsLong() + " ms after the lift");
    }
    if (hits == 0) {
      problems.add("the bot never met the fault (the exercise did not reach the endpoint)");
    }
    if (hits > MAX_REQUESTS) {
      problems.add(hits + " requests during the fault: no back-off");
    }
    if (lane.bot().stopRequested()) {
      problems.add("the bot asked to stop");
    }
    if (!lane.bot().matrix().sync().isRunning()) {
      problems.add("the sync loop stopped");
    }
    return new HomeserverCellResult(endpoint, kind, recovered, hits, List.copyOf(problems));
  }

  /**
   * The answer may come before the endpoint recovers (a long-poll that was already open brought the
   * command): give the bot its back-off to say "works again" before the log is judged.
   */
  private static void awaitBackLine(
      HomeserverLane lane,
      HomeserverEndpoint endpoint,
      HomeserverLogCapture log,
      Instant begin,
      Instant lifted) {
    Instant deadline = lifted.plus(RECOVERY_LIMIT).plusSeconds(5);
    while (Instant.now().isBefore(deadline)) {
      long warned = log.since(begin, l -> isAbout(l, lane, endpoint) && l.isProblem()).size();
      long back = log.since(begin, l -> isAbout(l, lane, endpoint) && isBackLine(l)).size();
      if (back >= warned) {
        return;
      }
      HomeserverLane.pause(Duration.ofMillis(100));
    }
  }

  /** The INFO that an outage is over (the WARN promises it in the same words). */
  private static boolean isBackLine(HomeserverLogCapture.Line line) {
    return !line.isProblem() && line.text().contains("works again");
  }

  private static boolean isAbout(
      HomeserverLogCapture.Line line, HomeserverLane lane, HomeserverEndpoint endpoint) {
    return line.text().contains(lane.host()) && line.text().contains(endpoint.outageName());
  }

  private static List<String> checkLog(
      Faults.Kind kind,
      List<HomeserverLogCapture.Line> warnings,
      List<HomeserverLogCapture.Line> outageWarnings,
      List<HomeserverLogCapture.Line> backs) {
    List<String> problems = new ArrayList<>();
    // A held answer is not an outage to a client that has not given up yet: no warning is right,
    // but a warning must still come with its "works again".
    boolean warningOptional = kind == Faults.Kind.READ_TIMEOUT;
    if (outageWarnings.size() > 1 || (outageWarnings.isEmpty() && !warningOptional)) {
      problems.add(outageWarnings.size() + " outage warnings instead of one: " + outageWarnings);
    }
    if (backs.size() != outageWarnings.size()) {
      problems.add(
          backs.size() + " \"works again\" lines for " + outageWarnings.size() + " warnings");
    }
    outageWarnings.stream()
        .filter(l -> !l.text().contains(causeWord(kind)))
        .forEach(l ->
            problems.add("the warning does not name the cause (" + causeWord(kind) + "): " + l));
    List<HomeserverLogCapture.Line> others = new ArrayList<>(warnings);
    others.removeAll(outageWarnings);
    if (!others.isEmpty()) {
      problems.add("other warnings: " + others);
    }
    return problems;
  }

  /** A word the warning must contain for each kind of fault. */
  static String causeWord(Faults.Kind kind) {
    return switch (kind) {
      case UNRECOGNIZED -> "M_UNRECOGNIZED";
      case RATE_LIMITED -> "HTTP 429";
      case SERVER_ERROR -> "HTTP 500";
      case BAD_GATEWAY_HTML -> "HTTP 502";
      case CONNECTION_RESET, READ_TIMEOUT -> "closed the connection";
      case NOT_JSON -> "instead of JSON";
    };
  }

  private static OptionalLong recovery(
      Instant lifted,
      List<HomeserverLogCapture.Line> backs,
      HomeserverExercise.Outcome outcome,
      int hits) {
    if (!outcome.problems().isEmpty()) {
      return OptionalLong.empty();
    }
    Instant back = backs.isEmpty() ? outcome.visibleAt() : backs.getFirst().at();
    return OptionalLong.of(Math.max(0, Duration.between(lifted, back).toMillis()));
  }
}
