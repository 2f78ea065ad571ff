package cd.chatrix.app.boot.demo;

import cd.chatrix.testkit.matrix.CreateRoomOptions;
import cd.chatrix.testkit.matrix.Dialect;
import cd.chatrix.testkit.matrix.TestHomeserver;
import cd.chatrix.testkit.matrix.TestUser;
import cd.chatrix.testkit.semaphore.RunScript;
import cd.chatrix.testkit.semaphore.SemaphoreSimulator;
import cd.chatrix.testkit.semaphore.Shape;
import cd.chatrix.testkit.semaphore.TemplateSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The world the demo bot lives in: an in-process homeserver with a person ("demo") and a room, and
 * a simulated Semaphore with one project whose templates succeed, fail and wait for confirmation.
 * Everything listens on 127.0.0.1 only and disappears on close.
 */
public final class DemoSandbox implements AutoCloseable {
  public static final String BOT_LOCALPART = "chatrixcd";
  public static final String PERSON_LOCALPART = "demo";
  public static final String PERSON_PASSWORD = "demo";

  private final TestHomeserver homeserver;
  private final SemaphoreSimulator semaphore;
  private final TestUser person;
  private final String botUserId;
  private final String botPassword;
  private final String roomId;
  private final int projectId;
  private final Templates templates;
  private final Path workDir;
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private DemoSandbox(
      TestHomeserver homeserver,
      SemaphoreSimulator semaphore,
      TestUser person,
      String botUserId,
      String botPassword,
      String roomId,
      int projectId,
      Templates templates,
      Path workDir) {
    this.homeserver = homeserver;
    this.semaphore = semaphore;
    this.person = person;
    this.botUserId = botUserId;
    this.botPassword = botPassword;
    this.roomId = roomId;
    this.projectId = projectId;
    this.templates = templates;
    this.workDir = workDir;
  }

  /** Starts both servers and seeds them. */
  public static DemoSandbox start() {
    return start(Dialect.fromSystemProperty());
  }

  /** The same, with a homeserver that behaves as {@code dialect} (e.g. Synapse 1.67). */
  public static DemoSandbox start(Dialect dialect) {
    TestHomeserver homeserver = TestHomeserver.start("localhost", dialect);
    SemaphoreSimulator semaphore = SemaphoreSimulator.start(Shape.V2_12);
    try {
      int project = semaphore.createProject("Demo shop");
      Templates templates =
          new Templates(
              semaphore.createTemplate(
                  project, TemplateSpec.ansible("Deploy web").withScript(RunScript.success())),
              semaphore.createTemplate(
                  project,
                  TemplateSpec.ansible("Patch database").withScript(RunScript.ansibleFailure())),
              semaphore.createTemplate(
                  project,
                  TemplateSpec.ansible("Plan infrastructure")
                      .withScript(RunScript.waitingConfirmation())));

      String botPassword = "demo-bot-" + Long.toHexString(System.nanoTime());
      String botUserId = homeserver.registerUser(BOT_LOCALPART, botPassword).userId();
      TestUser person = homeserver.registerUser(PERSON_LOCALPART, PERSON_PASSWORD);
      String room =
          person.createRoom(
              CreateRoomOptions.named("ChatrixCD demo")
                  .withInvitees(botUserId)
                  .withPowerLevel(botUserId, 50));
      Path workDir = Files.createTempDirectory("chatrixcd-demo");
      return new DemoSandbox(
          homeserver, semaphore, person, botUserId, botPassword, room, project, templates, workDir);
    } catch (IOException | RuntimeException e) {
      semaphore.close();
      homeserver.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  /**
   * A config.json for the bot, in the same format a user writes: the sandbox is driven through the
   * real configuration path, not around it.
   */
  public Path writeConfig() {
    return writeConfig(config -> {});
  }

  /**
   * The same file with {@code adjust} applied to it first, so a test can turn on what the demo
   * leaves off (policies, the HTTP endpoint, other rooms) and still start through the real loader.
   */
  public Path writeConfig(Consumer<ObjectNode> adjust) {
    ObjectNode config = JSON.createObjectNode();
    config
        .putObject("matrix")
        .put("homeserver", homeserver.baseUri().toString())
        .put("user_id", botUserId)
        .put("password", botPassword)
        .put("store_path", workDir.resolve("store").toString());
    config
        .putObject("semaphore")
        .put("url", semaphore.baseUri().toString())
        .put("api_token", semaphore.adminToken());
    ObjectNode bot = config.putObject("bot");
    bot.putArray("greeting_rooms").add(roomId);
    bot.put("log_file", workDir.resolve("chatrixcd.log").toString());
    bot.putArray("admin_users").add(person.userId());
    config
        .putObject("plugins")
        .putObject("aliases")
        .put("aliases_file", workDir.resolve("aliases.json").toString());
    adjust.accept(config);
    Path file = workDir.resolve("config.json");
    try {
      Files.writeString(
          file,
          "// Written by `chatrixcd demo`; points at the in-process servers.\n"
              + JSON.writeValueAsString(config));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("The demo could not write its config in " + workDir, e);
    }
  }

  /** Waits until the bot, started elsewhere from {@link #writeConfig}, has joined the room. */
  public void awaitBotJoined(Duration wait) {
    try {
      person.awaitEvent(
          roomId,
          e ->
              "m.room.member".equals(e.path("type").asString(""))
                  && botUserId.equals(e.path("state_key").asString(""))
                  && "join".equals(e.path("content").path("membership").asString("")),
          wait);
    } catch (AssertionError silent) {
      // The testkit reports a timeout as a test failure; here it is the sandbox's.
      throw new IllegalStateException(
          "the bot did not join the demo room within " + wait.toSeconds() + " s");
    }
  }

  /** The folder the sandbox writes its config, store, log and aliases into. */
  public Path workDir() {
    return workDir;
  }

  public TestHomeserver homeserver() {
    return homeserver;
  }

  public SemaphoreSimulator semaphore() {
    return semaphore;
  }

  public TestUser person() {
    return person;
  }

  public String botUserId() {
    return botUserId;
  }

  public String roomId() {
    return roomId;
  }

  public int projectId() {
    return projectId;
  }

  /**
   * Template ids: {@code deploy} succeeds, {@code patch} fails, {@code plan} waits to be confirmed.
   */
  public record Templates(int deploy, int patch, int plan) {}

  public Templates templates() {
    return templates;
  }

  @Override
  public void close() {
    semaphore.close();
    homeserver.close();
    deleteQuietly(workDir);
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Only a temporary directory is left behind; nothing to tell the user.
    }
  }
}
