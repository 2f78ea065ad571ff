package cd.chatrix.bench.jmh;

import cd.chatrix.bot.Bot;
import cd.chatrix.bot.IncomingMessage;
import cd.chatrix.bot.SenderTrust;
import cd.chatrix.bot.port.RoomInfo;
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
 * One chat command through the bot core: prefix check, access policy, rate limiter, dispatch, the
 * handler and the rendered reply, with Matrix and Semaphore answering from memory at once. This is
 * the bot's own share of a command's latency; the network round trips come on top in real life.
 */
public class BotCommandBench extends QuickBench {
  private static final String ROOM = "!ops:bench";
  private static final String BOT = "@chatrixcd:bench";
  private static final String ALICE = "@alice:bench";

  /** A help text, a Semaphore round trip, the status overview, and a typo with suggestions. */
  @Param({"!cd help", "!cd ping", "!cd status", "!cd frobnicate"})
  public String command;

  private Bot bot;
  private CountingChat chat;
  private long events;

  @Setup
  public void setUp() {
    chat =
        new CountingChat(Map.of(ROOM, new RoomInfo(ROOM, "Ops", true, false, List.of(ALICE, BOT))));
    bot = BenchBot.over(BOT, chat, Stores.inMemory());
  }

  @Benchmark
  public long onMessage() {
    // A fresh event id each time: the bot drops events it has already seen.
    bot.onMessage(
        new IncomingMessage(
            ROOM,
            "$e" + events++,
            ALICE,
            "Alice",
            command,
            Instant.EPOCH,
            Optional.empty(),
            Optional.empty(),
            SenderTrust.TRUSTED));
    return chat.activity();
  }

  /** Every command gets an answer; a bench that measured silently dropped messages would lie. */
  @TearDown
  public void checkTheBotAnswered() {
    if (chat.replies() < events) {
      throw new IllegalStateException(
          "the bot answered " + chat.replies() + " of " + events + " commands: " + command);
    }
  }
}
