package cd.chatrix.app;

import static cd.chatrix.app.boot.demo.RoomEvents.body;
import static cd.chatrix.app.boot.demo.RoomEvents.isEdit;
import static cd.chatrix.app.boot.demo.RoomEvents.relation;
import static cd.chatrix.app.boot.demo.RoomEvents.repliesTo;

import cd.chatrix.app.boot.SandboxBot;
import cd.chatrix.app.boot.StartException;
import cd.chatrix.app.boot.console.RunningBot;
import cd.chatrix.app.boot.demo.DemoSandbox;
import cd.chatrix.app.boot.run.Shutdown;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.testclients.CryptoPerson;
import cd.chatrix.testkit.matrix.CreateRoomOptions;
import cd.chatrix.testkit.matrix.TestUser;
import cd.chatrix.testkit.semaphore.RecordedRequest;
import cd.chatrix.testkit.semaphore.TemplateSpec;
import cd.chatrix.testkit.semaphore.TemplateSpec.Survey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The person's side of the end-to-end scenarios: a sandbox (homeserver and Semaphore simulator),
 * the real bot started on it through its config file, and the few moves a person makes in a room.
 * The bot has its own {@link Shutdown}, separate from the sandbox's servers, so a scenario can stop
 * and start it again on the same store.
 */
final class LiveBot implements AutoCloseable {
  static final Duration ANSWER = Duration.ofSeconds(30);
  static final Duration RUN = Duration.ofSeconds(60);

  /** How long one bot message may take to decrypt before it counts as not for the reader. */
  private static final Duration DECRYPT = Duration.ofSeconds(5);

  /**
   * The config most scenarios adjust: no per-user rate limit, so a scenario's person may send as
   * many commands as it takes.
   */
  static final Consumer<ObjectNode> UNTHROTTLED =
      config -> botSection(config).put("rate_limit_per_minute", 0);

  private final DemoSandbox sandbox;
  private final TestUser person;
  private final String bot;
  private Optional<SecretLeaks> leaks = Optional.empty();
  private Shutdown botShutdown;
  private RunningBot running;

  private LiveBot(DemoSandbox sandbox) {
    this.sandbox = sandbox;
    this.person = sandbox.person();
    this.bot = sandbox.botUserId();
  }

  /**
   * A new sandbox with the bot started on it, {@code adjust} applied to its config; returns once
   * the bot has joined the sandbox's room.
   */
  static LiveBot start(Consumer<ObjectNode> adjust) {
    return start(adjust, workDir -> {});
  }

  /**
   * The same, with every log line kept from before the bot starts (the project's at DEBUG) until
   * {@link #close}, for scenarios that look for a secret where it must not be.
   */
  static LiveBot startWatchingLogs(Consumer<ObjectNode> adjust) {
    SecretLeaks watch = SecretLeaks.watch();
    try {
      LiveBot live = start(adjust);
      live.leaks = Optional.of(watch);
      return live;
    } catch (RuntimeException | Error e) {
      watch.close();
      throw e;
    }
  }

  /** Every line logged since the bot started; only for a bot started watching the logs. */
  List<String> logLines() {
    return leaks
        .orElseThrow(() -> new AssertionError("started without watching the logs"))
        .logLines();
  }

  /** The same, with {@code prepare} given the bot's folder first (e.g. to write messages.json). */
  static LiveBot start(Consumer<ObjectNode> adjust, Consumer<Path> prepare) {
    LiveBot live = new LiveBot(DemoSandbox.start());
    try {
      prepare.accept(live.sandbox.workDir());
      live.launch(adjust);
      live.awaitMembership(live.room(), live.bot, "join");
      return live;
    } catch (RuntimeException | Error e) {
      live.close();
      throw e;
    }
  }

  /**
   * Starts the bot again on the same sandbox and store (after {@link #stopBot}); returns once it
   * answers in the sandbox's room.
   */
  void restartBot(Consumer<ObjectNode> adjust) {
    stopBot(); // two bots on one account and store would both answer everything
    launch(adjust);
    askUntilAnswered(room(), "!cd ping");
  }

  private void launch(Consumer<ObjectNode> adjust) {
    botShutdown = new Shutdown(Duration.ofSeconds(5));
    try {
      running = SandboxBot.start(sandbox, botShutdown, adjust);
    } catch (StartException e) {
      throw new AssertionError("the bot did not start: " + e.getMessage(), e);
    }
  }

  /** Stops the bot only (its Matrix sync, monitors, store); the servers keep running. */
  void stopBot() {
    if (botShutdown != null) {
      botShutdown.stopAll();
      botShutdown = null;
    }
  }

  @Override
  public void close() {
    stopBot();
    sandbox.close();
    leaks.ifPresent(SecretLeaks::close);
  }

  /** The running bot's parts (its Matrix client, encryption, stores), for what no chat can do. */
  RunningBot running() {
    if (running == null) {
      throw new AssertionError("the bot is not running");
    }
    return running;
  }

  DemoSandbox sandbox() {
    return sandbox;
  }

  TestUser person() {
    return person;
  }

  String botUserId() {
    return bot;
  }

  /** The sandbox's room: the bot greets there. */
  String room() {
    return sandbox.roomId();
  }

  long project() {
    return sandbox.projectId();
  }

  /** A new Ansible template in the sandbox's project whose form asks {@code survey}; its id. */
  int newTemplate(String name, Survey... survey) {
    return sandbox
        .semaphore()
        .createTemplate((int) project(), TemplateSpec.ansible(name).withSurvey(List.of(survey)));
  }

  /** The {@code bot} section of a config being adjusted. */
  static ObjectNode botSection(ObjectNode config) {
    return (ObjectNode) config.get("bot");
  }

  // --- rooms ----------------------------------------------------------------------------------

  /** A fresh room the person creates and invites the bot to; returns once the bot is in. */
  String newRoom(String name) {
    String roomId =
        person.createRoom(CreateRoomOptions.named(name).withInvitees(bot).withPowerLevel(bot, 50));
    awaitMembership(roomId, bot, "join");
    return roomId;
  }

  /** A fresh encrypted room, the bot invited as a moderator; returns once the bot is in. */
  String newEncryptedRoom(String name) {
    String roomId =
        person.createRoom(
            CreateRoomOptions.named(name)
                .withEncryption(true)
                .withInvitees(bot)
                .withPowerLevel(bot, 50));
    awaitMembership(roomId, bot, "join");
    return roomId;
  }

  /** A new device of the sandbox's person (the bot's admin), with encryption keys of its own. */
  CryptoPerson newDevice() {
    return new CryptoPerson(
        sandbox.homeserver().loginUser(person.userId(), DemoSandbox.PERSON_PASSWORD));
  }

  /** Waits for {@code userId}'s membership in {@code roomId} to become {@code membership}. */
  JsonNode awaitMembership(String roomId, String userId, String membership) {
    return person.awaitEvent(
        roomId,
        e ->
            "m.room.member".equals(e.path("type").asString(""))
                && userId.equals(e.path("state_key").asString(""))
                && membership.equals(e.path("content").path("membership").asString("")),
        ANSWER);
  }

  // --- the person's side ----------------------------------------------------------------------

  String say(String roomId, String text) {
    return person.sendText(roomId, text);
  }

  /** The bot's answer to a command (a reply to it, or in its thread). */
  JsonNode replyTo(String roomId, String commandEventId) {
    return awaitBot(roomId, repliesTo(commandEventId), ANSWER);
  }

  /** Says {@code text} and returns the bot's answer to it. */
  JsonNode ask(String roomId, String text) {
    return replyTo(roomId, say(roomId, text));
  }

  /**
   * Says {@code text} again (once a second) until the bot answers it: for settings that reach the
   * running bot a moment after a file changes.
   */
  JsonNode askUntilAnswered(String roomId, String text) {
    long deadline = System.nanoTime() + RUN.toNanos();
    while (true) {
      String command = say(roomId, text);
      try {
        return awaitBot(roomId, repliesTo(command), Duration.ofSeconds(1));
      } catch (AssertionError notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
      }
    }
  }

  /** A new (not an edit) message from the bot that matches and was not handed out before. */
  JsonNode awaitBot(String roomId, Predicate<JsonNode> wanted, Duration wait) {
    return person.awaitEvent(roomId, e -> isBotMessage(e) && !isEdit(e) && wanted.test(e), wait);
  }

  /** The bot's next message in the thread rooted at {@code root} whose body holds {@code text}. */
  JsonNode awaitInThread(String roomId, String root, String text) {
    return awaitBot(roomId, e -> inThread(e, root) && body(e).contains(text), ANSWER);
  }

  static boolean inThread(JsonNode event, String root) {
    return "m.thread".equals(relation(event).path("rel_type").asString(""))
        && root.equals(relation(event).path("event_id").asString(""));
  }

  /** An edit by the bot of {@code original} whose new content matches. */
  JsonNode awaitEditOf(String roomId, String original, Predicate<JsonNode> newContent) {
    return person.awaitEvent(
        roomId,
        e ->
            isBotMessage(e)
                && isEdit(e)
                && original.equals(relation(e).path("event_id").asString(""))
                && newContent.test(e),
        ANSWER);
  }

  /**
   * The decrypted content of the bot's reply to {@code commandId} in an encrypted room, as {@code
   * reader} reads it; the bot's messages {@code reader} cannot decrypt are passed over.
   */
  JsonNode awaitEncryptedReply(CryptoPerson reader, String roomId, String commandId) {
    JsonNode[] found = new JsonNode[1];
    reader.awaitEvent(
        roomId,
        e -> {
          if (isBotEncrypted(e)) {
            decrypt(reader, roomId, e)
                .filter(c -> commandId.equals(inReplyTo(c)))
                .ifPresent(c -> found[0] = c);
          }
          return found[0] != null;
        },
        ANSWER);
    return found[0];
  }

  /** Whether {@code event} is an encrypted message of the bot's. */
  boolean isBotEncrypted(JsonNode event) {
    return bot.equals(event.path("sender").asString(""))
        && "m.room.encrypted".equals(event.path("type").asString(""));
  }

  /** The event a message's (decrypted) content replies to, or empty. */
  static String inReplyTo(JsonNode content) {
    return content.path("m.relates_to").path("m.in_reply_to").path("event_id").asString("");
  }

  private static Optional<JsonNode> decrypt(CryptoPerson reader, String roomId, JsonNode event) {
    try {
      return Optional.of(reader.decrypt(roomId, event, DECRYPT).content());
    } catch (AssertionError notForUs) {
      return Optional.empty();
    }
  }

  /** Every message the bot sent to {@code roomId} so far, edits included, oldest first. */
  List<JsonNode> botMessages(String roomId) {
    return person.timeline(roomId).stream().filter(this::isBotMessage).toList();
  }

  boolean isBotMessage(JsonNode event) {
    return bot.equals(event.path("sender").asString(""))
        && "m.room.message".equals(event.path("type").asString(""));
  }

  // --- the simulator's side -------------------------------------------------------------------

  /** Tasks started through the API: {@code POST /api/project/{id}/tasks} exactly. */
  long tasksStarted() {
    String path = "/api/project/" + project() + "/tasks";
    return sandbox.semaphore().requests().matching(r -> isPost(r, path)).size();
  }

  private static boolean isPost(RecordedRequest r, String path) {
    return "POST".equals(r.method()) && (path.equals(r.path()) || (path + "/").equals(r.path()));
  }

  /**
   * Waits until the run asked for in {@code roomId} starts (the {@code startedBefore + 1}st task
   * through the API), is followed and ends; returns its task id.
   */
  long awaitRunEnds(String roomId, long startedBefore) {
    awaitUntil("the run starts", () -> tasksStarted() == startedBefore + 1);
    awaitUntil(
        "the run is followed", () -> running().stores().runs().latestInRoom(roomId).isPresent());
    long taskId = running().stores().runs().latestInRoom(roomId).orElseThrow().task().taskId();
    awaitUntil(
        "the run ends",
        () ->
            running().stores().runs().byTask(new TaskRef(project(), taskId)).stream()
                .anyMatch(r -> r.state().terminal()));
    return taskId;
  }

  static void awaitUntil(String what, BooleanSupplier condition) {
    Awaitility.await(what).atMost(RUN).until(condition::getAsBoolean);
  }
}
