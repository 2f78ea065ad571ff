package cd.chatrix.bot.flow;

import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.Relation;
import cd.chatrix.bot.store.MonitoredRun;
import cd.chatrix.bot.text.LogFormatter;
import cd.chatrix.bot.text.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Streams run output into the run's thread in rooms with {@code log on}. Output is fetched from
 * where it was left, buffered, and sent at most once per {@link #INTERVAL} per run; what does not
 * fit one event waits for the next turn, so no line is ever dropped.
 */
public final class LogStreamer {
  public static final Duration INTERVAL = Duration.ofSeconds(2);
  private static final System.Logger LOG = System.getLogger(LogStreamer.class.getName());

  private final Services s;
  private final Map<String, Tail> tails = new ConcurrentHashMap<>();

  /** A line waiting to be sent, with the output row it came from. */
  private record Line(int row, String text) {}

  private static final class Tail {
    int offset;
    final List<Line> buffer = new ArrayList<>();
    Instant lastDue = Instant.MIN;
    int part;
  }

  public LogStreamer(Services services) {
    this.s = services;
  }

  private static String key(MonitoredRun run) {
    return run.task() + "@" + run.roomId();
  }

  /** One streaming turn over every active run in a room that has streaming on. */
  public synchronized void tick(Instant now) {
    for (MonitoredRun run : s.stores().runs().active()) {
      if (!s.stores().rooms().get(run.roomId()).logStreaming() || run.statusEventId().isEmpty()) {
        continue;
      }
      Tail tail = tails.computeIfAbsent(key(run), k -> resumeFrom(run));
      // Asking Semaphore only when a message may go out keeps it to one request per run per turn.
      if (now.isBefore(tail.lastDue.plus(INTERVAL))) {
        continue;
      }
      tail.lastDue = now;
      fetch(run, tail);
      if (!tail.buffer.isEmpty()) {
        sendOne(run, tail, false);
      }
    }
  }

  /** The run ended: send everything still buffered or not yet fetched, then forget the run. */
  public synchronized void finish(MonitoredRun run) {
    if (!s.stores().rooms().get(run.roomId()).logStreaming() || run.statusEventId().isEmpty()) {
      tails.remove(key(run));
      return;
    }
    Tail tail = tails.computeIfAbsent(key(run), k -> resumeFrom(run));
    fetch(run, tail);
    while (!tail.buffer.isEmpty()) {
      sendOne(run, tail, true);
    }
    tails.remove(key(run));
  }

  private static Tail resumeFrom(MonitoredRun run) {
    var tail = new Tail();
    tail.offset = run.streamedRows();
    return tail;
  }

  private void fetch(MonitoredRun run, Tail tail) {
    try {
      var chunk = s.runner().output(run.task(), tail.offset);
      int row = tail.offset;
      for (String raw : chunk.lines()) {
        for (String line : LogFormatter.lines(List.of(raw))) {
          tail.buffer.add(new Line(row, line));
        }
        row++;
      }
      tail.offset = Math.max(row, chunk.nextOffset());
    } catch (PortException e) {
      LOG.log(System.Logger.Level.DEBUG, "No output for {0} yet: {1}", run.task(), e.getMessage());
    }
  }

  private void sendOne(MonitoredRun run, Tail tail, boolean last) {
    int budget = Budget.forRoom(s, run.roomId()) - 400;
    var head = LogFormatter.head(tail.buffer.stream().map(Line::text).toList(), budget);
    tail.part++;
    var r = Reply.create().add("📜 Output of #" + run.task().taskId() + ", part " + tail.part);
    if (last && head.shown() == tail.buffer.size()) {
      r.add(" (end)");
    }
    r.pre(head.plain(), head.html());
    tail.buffer.subList(0, head.shown()).clear();
    s.send(
        run.roomId(),
        r,
        Optional.of(new Relation.Thread(run.statusEventId(), run.statusEventId())));
    // Rows of a partly sent row are sent again after a restart rather than lost.
    int streamed = tail.buffer.isEmpty() ? tail.offset : tail.buffer.getFirst().row();
    s.stores().runs().byTask(run.task()).stream()
        .filter(r2 -> r2.roomId().equals(run.roomId()))
        .findFirst()
        .ifPresent(current -> s.stores().runs().save(current.withStreamedRows(streamed)));
  }
}
