package cd.chatrix.bench.process;

import cd.chatrix.testkit.bot.BotConfigFile;
import cd.chatrix.testkit.matrix.CreateRoomOptions;
import cd.chatrix.testkit.matrix.TestHomeserver;
import cd.chatrix.testkit.matrix.TestUser;
import cd.chatrix.testkit.semaphore.SemaphoreSimulator;
import cd.chatrix.testkit.semaphore.Shape;
import cd.chatrix.testkit.semaphore.TemplateSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything one bot of the Semaphore rate bench talks to, for one store: its own test homeserver,
 * Semaphore simulator and (for PostgreSQL) database cluster, and {@code rooms} rooms, each with its
 * own person and its own Semaphore project holding one template that succeeds within a fraction of
 * a second. One project per room makes each start's {@code POST /api/project/{p}/tasks} tell which
 * room asked for it. Every person is one of the bot's admins, so {@code run} is allowed; the rate
 * limit and the greetings are off.
 */
final class RateWorld implements AutoCloseable {
  private static final String BOT_PASSWORD = "rate-bench-password-7c1e";
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  /** One room of the bench: who sends, where, and the Semaphore template they start. */
  record Seat(TestUser person, String room, int project, int template) {}

  private final BenchStore store;
  private final TestHomeserver homeserver;
  private final SemaphoreSimulator semaphore;
  private final Path config;
  private final String botUserId;
  private final List<Seat> seats;
  private Optional<BotLaunch> bot = Optional.empty();

  private RateWorld(
      BenchStore store,
      TestHomeserver homeserver,
      SemaphoreSimulator semaphore,
      Path config,
      String botUserId,
      List<Seat> seats) {
    this.store = store;
    this.homeserver = homeserver;
    this.semaphore = semaphore;
    this.config = config;
    this.botUserId = botUserId;
    this.seats = List.copyOf(seats);
  }

  /**
   * Starts the store, the homeserver and the simulator, and writes the bot's config in {@code dir}.
   */
  static RateWorld create(Path dir, BenchStore.Kind kind, int rooms) {
    BenchStore store = BenchStore.start(kind);
    TestHomeserver homeserver = TestHomeserver.start();
    SemaphoreSimulator semaphore = SemaphoreSimulator.start(Shape.V2_12);
    try {
      return create(dir, store, homeserver, semaphore, rooms);
    } catch (RuntimeException e) {
      semaphore.close();
      homeserver.close();
      store.close();
      throw e;
    }
  }

  private static RateWorld create(
      Path dir,
      BenchStore store,
      TestHomeserver homeserver,
      SemaphoreSimulator semaphore,
      int rooms) {
    BotConfigFile botConfig = BotConfigFile.forNewBot(homeserver, BOT_PASSWORD, semaphore, dir);
    String bot = botConfig.botUserId();
    List<Seat> seats = new ArrayList<>();
    for (int i = 1; i <= rooms; i++) {
      TestUser person = homeserver.registerUser("ops" + i, "ops-password-" + i);
      String room = person.createRoom(CreateRoomOptions.named("ops " + i).withInvitees(bot));
      int project = semaphore.createProject("Shop " + i);
      int template = semaphore.createTemplate(project, TemplateSpec.ansible("Deploy " + i));
      seats.add(new Seat(person, room, project, template));
    }
    botConfig
        .noGreetings()
        .unthrottled()
        .admins(seats.stream().map(s -> s.person().userId()).toArray(String[]::new));
    store.storeIn(botConfig);
    Path config = botConfig.writeTo("config.json");
    return new RateWorld(store, homeserver, semaphore, config, bot, seats);
  }

  /**
   * Starts the bot through the launcher and waits until it is up and answers a ping in every room
   * (it joins them on its first sync).
   */
  void startBot(Variant variant, Path java, Path repo, Path dir) throws Exception {
    BotLaunch launch =
        BotLaunch.start(
            variant.command(java, repo, List.of("-L", "-c", config.toString())),
            variant.environment(java),
            dir);
    bot = Optional.of(launch);
    launch.awaitUpMillis();
    for (Seat seat : seats) {
      String ping = seat.person().sendText(seat.room(), "!cd ping");
      awaitReply(seat, ping);
    }
  }

  /** The bot's next message in the seat's room that replies to {@code command}. */
  void awaitReply(Seat seat, String command) {
    seat.person()
        .awaitEvent(
            seat.room(),
            e ->
                e.path("sender").asString("").equals(botUserId)
                    && e.path("type").asString("").equals("m.room.message")
                    && command.equals(
                        e.path("content")
                            .path("m.relates_to")
                            .path("m.in_reply_to")
                            .path("event_id")
                            .asString("")),
            PATIENCE);
  }

  BenchStore.Kind kind() {
    return store.kind();
  }

  List<Seat> seats() {
    return seats;
  }

  TestHomeserver homeserver() {
    return homeserver;
  }

  SemaphoreSimulator semaphore() {
    return semaphore;
  }

  /** The PostgreSQL server's commit and WAL sync counts; empty on SQLite. */
  Optional<BenchStore.ServerCounters> counters() {
    return store.counters();
  }

  /** The bot's process id, for its CPU time; -1 before it started. */
  long botPid() {
    return bot.map(BotLaunch::pid).orElse(-1L);
  }

  @Override
  public void close() throws InterruptedException {
    try {
      if (bot.isPresent()) {
        bot.get().close();
      }
    } finally {
      semaphore.close();
      homeserver.close();
      store.close();
    }
  }
}
