package cd.chatrix.bench.process;

import cd.chatrix.testclients.CryptoPerson;
import cd.chatrix.testkit.bot.BotConfigFile;
import cd.chatrix.testkit.matrix.CreateRoomOptions;
import cd.chatrix.testkit.matrix.RecordedRequest;
import cd.chatrix.testkit.matrix.TestHomeserver;
import cd.chatrix.testkit.matrix.TestUser;
import cd.chatrix.testkit.semaphore.SemaphoreSimulator;
import cd.chatrix.testkit.semaphore.Shape;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the bot talks to during the bench: the testkit homeserver and Semaphore simulator in this
 * JVM, a bot account invited to one room (plain, or encrypted with the person speaking from a
 * device that encrypts), and a config.json for it written as DaemonIT writes its own. The bot's
 * per-user rate limit is off: the reaction bench's person sends hundreds of pings a minute.
 */
final class BenchWorld implements AutoCloseable {
  private static final String BOT_PASSWORD = "startup-bench-password-3f9a";
  private static final String PERSON_PASSWORD = "ops-password";

  /** Which room the bench's commands go to. */
  enum RoomKind {
    PLAIN,
    ENCRYPTED;

    static RoomKind parse(String value) {
      return switch (value) {
        case "plain" -> PLAIN;
        case "encrypted" -> ENCRYPTED;
        default -> throw new IllegalArgumentException("--room is plain or encrypted, not " + value);
      };
    }
  }

  private final TestHomeserver homeserver;
  private final SemaphoreSimulator semaphore;
  private final Path config;
  private final TestUser person;
  private final Conversation conversation;
  private final String botUserId;

  private BenchWorld(
      TestHomeserver homeserver,
      SemaphoreSimulator semaphore,
      Path config,
      TestUser person,
      Conversation conversation,
      String botUserId) {
    this.homeserver = homeserver;
    this.semaphore = semaphore;
    this.config = config;
    this.person = person;
    this.conversation = conversation;
    this.botUserId = botUserId;
  }

  /** The world with the bot's store in SQLite under {@code dir}. */
  static BenchWorld create(Path dir) {
    return create(dir, config -> {}, RoomKind.PLAIN);
  }

  /** The world with the bot's store in {@code store} and its room of {@code kind}. */
  static BenchWorld create(Path dir, BenchStore store, RoomKind kind) {
    return create(dir, store::storeIn, kind);
  }

  private static BenchWorld create(Path dir, Consumer<BotConfigFile> store, RoomKind kind) {
    TestHomeserver homeserver = TestHomeserver.start();
    SemaphoreSimulator semaphore = SemaphoreSimulator.start(Shape.V2_12);
    BotConfigFile botConfig = BotConfigFile.forNewBot(homeserver, BOT_PASSWORD, semaphore, dir);
    String bot = botConfig.botUserId();
    TestUser person = homeserver.registerUser("ops", PERSON_PASSWORD);
    String room =
        person.createRoom(
            CreateRoomOptions.named("ops")
                .withEncryption(kind == RoomKind.ENCRYPTED)
                .withInvitees(bot));
    Conversation conversation =
        switch (kind) {
          case PLAIN -> new Conversation.Plain(person, room);
          case ENCRYPTED ->
              new Conversation.Encrypted(
                  new CryptoPerson(homeserver.loginUser(person.userId(), PERSON_PASSWORD)),
                  room,
                  List.of(person.userId(), bot));
        };
    store.accept(botConfig.greetingRooms(room).unthrottled());
    Path config = botConfig.writeTo("config.json");
    return new BenchWorld(homeserver, semaphore, config, person, conversation, bot);
  }

  Path config() {
    return config;
  }

  /** The person in the bot's room (its first device, which does not encrypt). */
  TestUser person() {
    return person;
  }

  /** How the reaction bench's commands are sent and their replies seen. */
  Conversation conversation() {
    return conversation;
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
    if (conversation instanceof Conversation.Encrypted encrypted) {
      encrypted.device().close();
    }
    semaphore.close();
    homeserver.close();
  }
}
