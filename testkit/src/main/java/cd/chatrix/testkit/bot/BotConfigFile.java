package cd.chatrix.testkit.bot;

import cd.chatrix.testkit.matrix.TestHomeserver;
import cd.chatrix.testkit.matrix.TestUser;
import cd.chatrix.testkit.semaphore.SemaphoreSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A bot's config.json, in the format users write (docs/configuration.md), for a bot process started
 * against the testkit servers. The defaults are what every such test wants: the bot's account on
 * {@code homeserver}, the simulator's admin token, the store in {@code dir/store} and the log in
 * {@code dir/chatrixcd.log}; each test names only what it changes. {@link #json()} reaches any
 * other key.
 *
 * <p>The same builder may write several files (one per replica, say): each {@link #writeTo} writes
 * what is set at that moment.
 */
public final class BotConfigFile {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final Path dir;
  private final ObjectNode config = JSON.createObjectNode();

  private BotConfigFile(Path dir) {
    this.dir = dir;
  }

  /**
   * Registers the bot's account ({@code chatrixcd}, with {@code password}) on {@code homeserver}
   * and returns its config, the bot's files under {@code dir}.
   */
  public static BotConfigFile forNewBot(
      TestHomeserver homeserver, String password, SemaphoreSimulator semaphore, Path dir) {
    String botUserId;
    try (TestUser bot = homeserver.registerUser("chatrixcd", password)) {
      botUserId = bot.userId();
    }
    return forBot(homeserver.baseUri(), botUserId, password, semaphore, dir);
  }

  /** The config of an account that exists already, or of one on a homeserver that is not there. */
  public static BotConfigFile forBot(
      URI homeserver, String botUserId, String password, SemaphoreSimulator semaphore, Path dir) {
    BotConfigFile file = new BotConfigFile(dir);
    file.config
        .putObject("matrix")
        .put("homeserver", homeserver.toString())
        .put("user_id", botUserId)
        .put("password", password)
        .put("store_path", dir.resolve("store").toString());
    file.config
        .putObject("semaphore")
        .put("url", semaphore.baseUri().toString())
        .put("api_token", semaphore.adminToken());
    file.bot().put("log_file", dir.resolve("chatrixcd.log").toString());
    return file;
  }

  /** The bot's Matrix user id. */
  public String botUserId() {
    return matrix().path("user_id").asString();
  }

  /** The bot's password, for a test that checks it never reaches a log or a message. */
  public String password() {
    return matrix().path("password").asString();
  }

  /** Where the bot logs, unless {@link #defaultLogFile()}. */
  public Path logFile() {
    return Path.of(bot().path("log_file").asString());
  }

  /** Another log file, e.g. one per replica in a shared folder. */
  public BotConfigFile logFile(Path file) {
    bot().put("log_file", file.toString());
    return this;
  }

  /**
   * No {@code log_file} key: the bot's default ({@code chatrixcd.log} beside the config file), as a
   * config that never names one has it.
   */
  public BotConfigFile defaultLogFile() {
    bot().remove("log_file");
    return this;
  }

  /** Rooms the bot greets when it starts. */
  public BotConfigFile greetingRooms(String... rooms) {
    return botList("greeting_rooms", rooms);
  }

  /** No hello or goodbye: every message the bot sends answers a command. */
  public BotConfigFile noGreetings() {
    bot().put("greetings_enabled", false);
    return this;
  }

  /** No per-user rate limit: a test's person may send as many commands as it likes. */
  public BotConfigFile unthrottled() {
    bot().put("rate_limit_per_minute", 0);
    return this;
  }

  public BotConfigFile admins(String... userIds) {
    return botList("admin_users", userIds);
  }

  /** The ops endpoint ({@code /metrics}, {@code /readyz}) on {@code port} of the loopback. */
  public BotConfigFile opsPort(int port) {
    config.putObject("http").put("enabled", true).put("bind", "127.0.0.1").put("port", port);
    return this;
  }

  /** The key the crypto store's pickles are sealed with, shared by replicas of one device. */
  public BotConfigFile pickleKey(String key) {
    matrix().put("pickle_key", key);
    return this;
  }

  /** The store in a PostgreSQL database instead of SQLite in {@code dir/store}. */
  public BotConfigFile postgres(String url, String user) {
    config.putObject("store").put("type", "postgresql").put("url", url).put("user", user);
    return this;
  }

  /**
   * A short leader lease on the PostgreSQL store (2 s, renewed every second, checked every second),
   * so a standby takes over within a few seconds.
   */
  public BotConfigFile shortLease() {
    ObjectNode store = (ObjectNode) config.get("store");
    if (store == null) {
      throw new IllegalStateException("a lease needs the PostgreSQL store: call postgres() first");
    }
    store
        .putObject("lease")
        .put("duration_seconds", 2)
        .put("renew_seconds", 1)
        .put("check_seconds", 1);
    return this;
  }

  /** The config as it stands, for a key no method here sets. */
  public ObjectNode json() {
    return config;
  }

  /** Writes the config to {@code dir/name} and returns that path. */
  public Path writeTo(String name) {
    Path file = dir.resolve(name);
    try {
      Files.writeString(file, JSON.writeValueAsString(config));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the bot's config " + file, e);
    }
    return file;
  }

  /** A loopback port nothing listens on right now, e.g. for {@link #opsPort}. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  private ObjectNode matrix() {
    return (ObjectNode) config.get("matrix");
  }

  private BotConfigFile botList(String key, String... values) {
    ArrayNode list = bot().putArray(key);
    for (String value : values) {
      list.add(value);
    }
    return this;
  }

  private ObjectNode bot() {
    return config.has("bot") ? (ObjectNode) config.get("bot") : config.putObject("bot");
  }
}
