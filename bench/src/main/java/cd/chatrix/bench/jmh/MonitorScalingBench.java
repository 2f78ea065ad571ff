package cd.chatrix.bench.jmh;

import cd.chatrix.bot.Bot;
import cd.chatrix.bot.port.RoomInfo;
import cd.chatrix.bot.port.TaskInfo;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.port.TaskState;
import cd.chatrix.bot.store.MonitoredRun;
import cd.chatrix.bot.store.Stores;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code Bot.onTaskUpdate} while the bot watches 1, 100 or 1,000 runs (one room each, all running),
 * over the in-memory run store the bot module ships. Three kinds of update:
 *
 * <ul>
 *   <li>{@code changed}: a watched task changes state, so its status message is re-rendered and
 *       edited (what a push or a poll delivers when something happened);
 *   <li>{@code unchanged}: a watched task reports the state it already had (most poll answers);
 *   <li>{@code unwatched}: a task nobody watches (push delivers every task of the server).
 * </ul>
 */
public class MonitorScalingBench extends QuickBench {
  private static final String BOT = "@chatrixcd:bench";

  @Param({"1", "100", "1000"})
  public int watched;

  private Bot bot;
  private CountingChat chat;
  private long updates;
  private long changes;

  @Setup
  public void setUp() {
    Stores stores = Stores.inMemory();
    Instant requested = Instant.parse("2026-01-01T10:00:00Z");
    for (int i = 0; i < watched; i++) {
      String room = "!room" + i + ":bench";
      stores
          .runs()
          .save(
              new MonitoredRun(
                  ref(i),
                  room,
                  "$status" + i,
                  Optional.of("@alice:bench"),
                  Optional.empty(),
                  "Infra",
                  "Deploy web",
                  StaticRunner.TEMPLATE,
                  "",
                  TaskState.RUNNING,
                  requested,
                  Optional.of(requested),
                  Optional.empty(),
                  false,
                  0));
    }
    chat =
        new CountingChat(
            Map.of("!room0:bench", new RoomInfo("!room0:bench", "Ops", true, false, List.of())));
    bot = BenchBot.over(BOT, chat, stores);
  }

  private static TaskRef ref(long i) {
    return new TaskRef(StaticRunner.PROJECT, 10_000 + i);
  }

  /** Walks through the watched tasks; each pass flips them between running and waiting. */
  @Benchmark
  public long changed() {
    long n = updates++;
    changes++;
    TaskState state = (n / watched) % 2 == 0 ? TaskState.WAITING : TaskState.RUNNING;
    bot.onTaskUpdate(TaskInfo.of(ref(n % watched), StaticRunner.TEMPLATE, state));
    return chat.activity();
  }

  @Benchmark
  public long unchanged() {
    // Every run is RUNNING (each trial starts from a fresh store), so this repeats the known state.
    long n = updates++;
    bot.onTaskUpdate(TaskInfo.of(ref(n % watched), StaticRunner.TEMPLATE, TaskState.RUNNING));
    return chat.activity();
  }

  @Benchmark
  public long unwatched() {
    bot.onTaskUpdate(
        TaskInfo.of(ref(1_000_000 + updates++), StaticRunner.TEMPLATE, TaskState.RUNNING));
    return chat.activity();
  }

  /** Each changed update must really have edited its status message. */
  @TearDown
  public void checkEdits() {
    if (chat.edits() < changes) {
      throw new IllegalStateException(chat.edits() + " edits for " + changes + " state changes");
    }
  }
}
