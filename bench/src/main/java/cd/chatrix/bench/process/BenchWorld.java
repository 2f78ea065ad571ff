package cd.chatrix.bench.process;

import cd.chatrix.testkit.matrix.CreateRoomOptions;
import cd.chatrix.testkit.matrix.RecordedRequest;
import cd.chatrix.testkit.matrix.TestHomeserver;
import cd.chatrix.testkit.matrix.TestUser;
import cd.chatrix.testkit.semaphore.SemaphoreSimulator;
import cd.chatrix.testkit.semaphore.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What the bot talks to during the bench: the testkit homeserver and Semaphore simulator in this
 * JVM, a bot account invited to one room, and a config.json for it written as DaemonIT does. The
 * bot's per-user rate limit is off: the reaction bench's person sends hundreds of pings a minute.
 */
final class BenchWorld implements AutoCloseable {
  private static final String BOT_PASSWORD = "startup-bench-password-3f9a";

  private final TestHomeserver homeserver;
  private final SemaphoreSimulator semaphore;
  private final Path config;
  private final TestUser person;
  private final String room;
  private final String botUserId;

  private BenchWorld(
      TestHomeserver homeserver,
      SemaphoreSimulator semaphore,
      Path config,
      TestUser person,
      String room,
      String botUserId) {
    this.homeserver = homeserver;
    this.semaphore = semaphore;
    this.config = config;
    this.person = person;
    this.room = room;
    this.botUserId = botUserId;
  }

  static BenchWorld create(Path dir) throws IOException {
    return create(dir, "");
  }

  /**
   * {@code storeMember} is {@link BenchStore#configMember()}: empty for SQLite in the store
   * directory.
   */
  static BenchWorld create(Path dir, String storeMember) throws IOException {
    TestHomeserver homeserver = TestHomeserver.start();
    SemaphoreSimulator semaphore = SemaphoreSimulator.start(Shape.V2_12);
    String bot = homeserver.registerUser("chatrixcd", BOT_PASSWORD).userId();
    TestUser person = homeserver.registerUser("ops", "ops-password");
    String room = person.createRoom(CreateRoomOptions.named("ops").withInvitees(bot));
    Path config = dir.resolve("config.json");
    Files.writeString(
        config,
        """
        {
          "matrix": {"homeserver": "%s", "user_id": "%s", "password": "%s", "store_path": "%s"},
          "semaphore": {"url": "%s", "api_token": "%s"},
          "bot": {"greeting_rooms": ["%s"], "log_file": "%s", "rate_limit_per_minute": 0}%s
        }
        """
            .formatted(
                homeserver.baseUri(),
                bot,
                BOT_PASSWORD,
                dir.resolve("store"),
                semaphore.baseUri(),
                semaphore.adminToken(),
                room,
                dir.resolve("chatrixcd.log"),
                storeMember));
    return new BenchWorld(homeserver, semaphore, config, person, room, bot);
  }

  Path config() {
    return config;
  }

  /** The person in the bot's room, who sends the commands of the reaction bench. */
  TestUser person() {
    return person;
  }

  String room() {
    return room;
  }

  String botUserId() {
    return botUserId;
  }

  /** Every request the homeserver received since the last {@link #clearRequests()}. */
  List<RecordedRequest> requests() {
    return homeserver.requests();
  }

  /** Forgets the requests seen so far, so the next launch's /sync calls can be told apart. */
  void clearRequests() {
    homeserver.clearRequests();
  }

  /**
   * When the bot's second {@code /sync} arrived: the sync loop asks again only after the first
   * batch was handled and its position committed, so this is the homeserver's view of "first sync
   * done". Only the bot syncs during the bench.
   */
  java.util.Optional<Instant> secondSyncAt() {
    List<RecordedRequest> syncs =
        homeserver.requests().stream().filter(r -> r.canonicalPath().endsWith("/sync")).toList();
    return syncs.size() < 2
        ? java.util.Optional.empty()
        : java.util.Optional.of(syncs.get(1).receivedAt());
  }

  @Override
  public void close() {
    semaphore.close();
    homeserver.close();
  }
}
