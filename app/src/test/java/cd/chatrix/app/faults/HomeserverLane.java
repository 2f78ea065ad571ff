package cd.chatrix.app.faults;

import static cd.chatrix.app.boot.demo.RoomEvents.isEdit;
import static cd.chatrix.app.boot.demo.RoomEvents.repliesTo;

import cd.chatrix.app.boot.demo.DemoSandbox;
import cd.chatrix.testkit.matrix.CreateRoomOptions;
import cd.chatrix.testkit.matrix.Faults;
import cd.chatrix.testkit.matrix.TestUser;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One sandbox (homeserver and Semaphore) with the real bot on it, and the person who talks to it.
 * The person reads rooms through {@code /messages}, never {@code /sync}, so a fault on the bot's
 * endpoints never blinds the test itself.
 */
final class HomeserverLane implements AutoCloseable {
  static final Duration ANSWER = Duration.ofSeconds(30);

  /** What the bot's messages look like to the person: clear, or encrypted (relation in clear). */
  private static final java.util.Set<String> BOT_SAYS =
      java.util.Set.of("m.room.message", "m.room.encrypted");

  private final String name;
  private final DemoSandbox sandbox;
  private final HomeserverFaultBots.Running bot;
  private final HomeserverCryptoDevices devices = new HomeserverCryptoDevices();
  private int rooms;
  private String encryptedRoom;

  private HomeserverLane(String name, DemoSandbox sandbox, HomeserverFaultBots.Running bot) {
    this.name = name;
    this.sandbox = sandbox;
    this.bot = bot;
  }

  /**
   * A lane whose bot logs in with a password ({@code refreshing} false: it never asks for refresh
   * tokens and logs in again when its session ends) or by SSO ({@code refreshing}: it holds a
   * refresh token and renews at {@code /refresh}).
   */
  static HomeserverLane start(String name, boolean refreshing) {
    DemoSandbox sandbox = DemoSandbox.start();
    try {
      Optional<String> loginToken =
          refreshing
              ? Optional.of(sandbox.homeserver().issueLoginToken(sandbox.botUserId()))
              : Optional.empty();
      HomeserverFaultBots.Running bot =
          HomeserverFaultBots.start(
              sandbox,
              config -> {
                // Every cell sends commands; the per-person limit would start refusing them.
                ((ObjectNode) config.get("bot")).put("rate_limit_per_minute", 0);
                loginToken.ifPresent(token ->
                    ((ObjectNode) config.get("matrix"))
                        .put("auth_type", "sso")
                        .put("login_token", token)
                        .remove("password"));
              });
      HomeserverLane lane = new HomeserverLane(name, sandbox, bot);
      lane.awaitMembership(sandbox.roomId(), sandbox.botUserId(), "join");
      return lane;
    } catch (RuntimeException | Error e) {
      sandbox.close();
      throw e;
    }
  }

  String name() {
    return name;
  }

  DemoSandbox sandbox() {
    return sandbox;
  }

  Faults faults() {
    return sandbox.homeserver().faults();
  }

  TestUser person() {
    return sandbox.person();
  }

  String botUserId() {
    return sandbox.botUserId();
  }

  HomeserverFaultBots.Running bot() {
    return bot;
  }

  /** {@code host:port} of this lane's homeserver, as the bot's outage lines name it. */
  String host() {
    URI base = sandbox.homeserver().baseUri();
    return base.getHost() + ":" + base.getPort();
  }

  String room() {
    return sandbox.roomId();
  }

  /** A fresh room the person creates with the bot invited; returns once the bot is in. */
  String newRoom() {
    String roomId = inviteToNewRoom();
    awaitMembership(roomId, botUserId(), "join");
    return roomId;
  }

  /** A fresh room the person creates with the bot invited; returns at once. */
  String inviteToNewRoom() {
    return person()
        .createRoom(
            CreateRoomOptions.named(name + " room " + ++rooms)
                .withInvitees(botUserId())
                .withPowerLevel(botUserId(), 50));
  }

  /** An encrypted room shared with the bot (made on first use). */
  synchronized String encryptedRoom() {
    if (encryptedRoom == null) {
      encryptedRoom =
          person()
              .createRoom(
                  CreateRoomOptions.named(name + " encrypted")
                      .withEncryption(true)
                      .withInvitees(botUserId())
                      .withPowerLevel(botUserId(), 50));
      awaitMembership(encryptedRoom, botUserId(), "join");
    }
    return encryptedRoom;
  }

  /** The person logs in on one more device, with keys the bot must fetch and share keys with. */
  void addPersonDevice() {
    devices.addDevice(sandbox);
  }

  String say(String roomId, String text) {
    return person().sendText(roomId, text);
  }

  /** Bot messages (not edits) answering {@code commandEventId}, as the room shows them now. */
  List<JsonNode> answers(String roomId, String commandEventId) {
    return botEvents(roomId, e -> !isEdit(e) && repliesTo(commandEventId).test(e));
  }

  /** The bot's message events in {@code roomId} that match, oldest first. */
  List<JsonNode> botEvents(String roomId, Predicate<JsonNode> matching) {
    return person().timeline(roomId).stream()
        .filter(e -> botUserId().equals(e.path("sender").asString("")))
        .filter(e -> BOT_SAYS.contains(e.path("type").asString("")))
        .filter(matching)
        .toList();
  }

  /** The bot's messages in {@code roomId} that come after the event {@code eventId}. */
  List<JsonNode> botEventsAfter(String roomId, String eventId) {
    List<JsonNode> after = new java.util.ArrayList<>();
    boolean seen = false;
    for (JsonNode e : person().timeline(roomId)) {
      if (seen
          && botUserId().equals(e.path("sender").asString(""))
          && BOT_SAYS.contains(e.path("type").asString(""))) {
        after.add(e);
      }
      seen = seen || eventId.equals(e.path("event_id").asString(""));
    }
    return after;
  }

  /** Waits for the first bot answer to a command. */
  JsonNode awaitAnswer(String roomId, String commandEventId, Duration wait) {
    return awaitBotEvent(roomId, e -> !isEdit(e) && repliesTo(commandEventId).test(e), wait)
        .orElseThrow(() ->
            new AssertionError(
                "no answer to " + commandEventId + " in " + roomId + " within " + wait));
  }

  Optional<JsonNode> awaitBotEvent(String roomId, Predicate<JsonNode> matching, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      List<JsonNode> found = botEvents(roomId, matching);
      if (!found.isEmpty()) {
        return Optional.of(found.getFirst());
      }
      if (System.nanoTime() > deadline) {
        return Optional.empty();
      }
      pause(Duration.ofMillis(100));
    }
  }

  /** Waits until {@code userId}'s membership in {@code roomId} is {@code membership}. */
  void awaitMembership(String roomId, String userId, String membership) {
    long deadline = System.nanoTime() + ANSWER.toNanos();
    while (!membership.equals(membership(roomId, userId))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            userId + " did not reach membership " + membership + " in " + roomId);
      }
      pause(Duration.ofMillis(100));
    }
  }

  String membership(String roomId, String userId) {
    String last = "";
    for (JsonNode e : person().timeline(roomId)) {
      if ("m.room.member".equals(e.path("type").asString(""))
          && userId.equals(e.path("state_key").asString(""))) {
        last = e.path("content").path("membership").asString("");
      }
    }
    return last;
  }

  /** Membership events of {@code userId} in {@code roomId} that say {@code membership}. */
  long membershipEvents(String roomId, String userId, String membership) {
    return person().timeline(roomId).stream()
        .filter(e -> "m.room.member".equals(e.path("type").asString("")))
        .filter(e -> userId.equals(e.path("state_key").asString("")))
        .filter(e -> membership.equals(e.path("content").path("membership").asString("")))
        .count();
  }

  /** The bot answers a ping: it is back to normal before the next cell starts. */
  void awaitHealthy() {
    String ping = say(room(), "!cd ping");
    awaitAnswer(room(), ping, ANSWER);
  }

  /** The bot's access token now (it changes as the bot renews it). */
  String botAccessToken() {
    return bot.matrix().session().accessToken();
  }

  static void pause(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    try {
      faults().clear();
      bot.close();
      devices.close();
    } finally {
      sandbox.close();
    }
  }
}
