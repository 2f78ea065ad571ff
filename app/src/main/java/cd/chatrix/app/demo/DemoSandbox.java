package cd.chatrix.app.demo;

import cd.chatrix.testkit.matrix.CreateRoomOptions;
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
import java.util.Comparator;
import java.util.stream.Stream;

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
    TestHomeserver homeserver = TestHomeserver.start();
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
    String json =
        """
        {
          // Written by `chatrixcd demo`; points at the in-process servers.
          "matrix": {
            "homeserver": "%s",
            "user_id": "%s",
            "password": "%s",
            "store_path": "%s"
          },
          "semaphore": {"url": "%s", "api_token": "%s"},
          "bot": {
            "greeting_rooms": ["%s"],
            "log_file": "%s",
            "admin_users": ["%s"]
          },
          "plugins": {"aliases": {"aliases_file": "%s"}}
        }
        """
            .formatted(
                homeserver.baseUri(),
                botUserId,
                botPassword,
                workDir.resolve("store"),
                semaphore.baseUri(),
                semaphore.adminToken(),
                roomId,
                workDir.resolve("chatrixcd.log"),
                person.userId(),
                workDir.resolve("aliases.json"));
    Path config = workDir.resolve("config.json");
    try {
      Files.writeString(config, json);
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException("The demo could not write its config in " + workDir, e);
    }
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
