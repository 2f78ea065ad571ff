package cd.chatrix.app;

import static cd.chatrix.app.LiveBot.ANSWER;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.testclients.CryptoPerson;
import cd.chatrix.testkit.matrix.Faults;
import cd.chatrix.testkit.matrix.RecordedRequest;
import cd.chatrix.testkit.matrix.TestHomeserver;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One round trip per reply (issue 13 item 3): from the moment a {@code !cd ping} reaches the
 * homeserver to the moment the bot's answer does, the answer is the only request the bot makes
 * (besides its sync loop's next long-poll, which runs beside the handler and does not hold the
 * reply up). Receipts, typing, key queries and the like come after the reply or not at all. Counts
 * and order only; the homeserver's request log is the witness.
 *
 * <p>The person makes no request between sending the command and seeing the reply in the log, so
 * every request in that window is the bot's.
 */
class ReplyFirstTest {
  /** What a new room session may need before its first message: the key share to each device. */
  private static final List<String> KEY_SHARING =
      List.of(
          "/_matrix/client/v3/keys/query",
          "/_matrix/client/v3/keys/claim",
          "/_matrix/client/v3/keys/upload",
          "/_matrix/client/v3/sendToDevice/m.room.encrypted/");

  private LiveBot live;
  private TestHomeserver hs;

  @BeforeEach
  void startTheBot() {
    live = LiveBot.start(LiveBot.UNTHROTTLED);
    hs = live.sandbox().homeserver();
  }

  @AfterEach
  void stopTheBot() {
    if (live != null) {
      live.close();
    }
  }

  @Test
  void aPingInAPlainRoomIsAnsweredBeforeAnythingElse() {
    String room = live.room();
    live.ask(room, "!cd ping"); // warm up: the room's state and the bot's caches are loaded

    Window window = measure("m.room.message", () -> live.say(room, "!cd ping"));

    assertThat(window.untilReply()).as(window.describe()).containsExactly(window.reply());
    assertThat(live.replyTo(room, window.commandId())).isNotNull();
  }

  @Test
  void aPingInAnEncryptedRoomIsAnsweredBeforeAnythingElseOnceTheSessionIsShared() {
    String bot = live.botUserId();
    String room = live.newEncryptedRoom("secure ops");
    try (CryptoPerson laptop = live.newDevice()) {
      List<String> members = List.of(laptop.userId(), bot);
      // The first reply starts the bot's room session: sharing its key is the one thing allowed
      // before it (and taking in the laptop's key share, which came with the command).
      Window first =
          measure("m.room.encrypted", () -> laptop.sendEncrypted(room, members, "!cd ping"));
      assertThat(first.untilReply().subList(0, first.untilReply().size() - 1))
          .as(first.describe())
          .allMatch(r -> KEY_SHARING.stream().anyMatch(r.canonicalPath()::startsWith));
      awaitEncryptedReply(laptop, room, first.commandId());

      Window window =
          measure("m.room.encrypted", () -> laptop.sendEncrypted(room, members, "!cd ping"));

      assertThat(window.untilReply()).as(window.describe()).containsExactly(window.reply());
      assertThat(window.after())
          .as(
              "no room key is shared again for a session the laptop already has; "
                  + window.describe())
          .noneMatch(r -> r.canonicalPath().startsWith("/_matrix/client/v3/sendToDevice/"));
      awaitEncryptedReply(laptop, room, window.commandId());
    }
  }

  /**
   * The member list is fetched in the background when the room shows up; when that fails (here a
   * 403, as a server answers {@code joined_members} for a room it does not yet count the bot in),
   * the first reply fetches it itself and still goes out.
   */
  @Test
  void aMemberListTheBackgroundCouldNotFetchIsFetchedByTheFirstReply() {
    String bot = live.botUserId();
    Faults.Outage down = hs.faults().on("/rooms/*/joined_members").failWith(403, "M_FORBIDDEN");
    String room = live.newEncryptedRoom("secure ops");
    LiveBot.awaitUntil(
        "the bot tried to fetch the members in the background", () -> down.hits() > 0);
    down.lift();
    try (CryptoPerson laptop = live.newDevice()) {
      String ping = laptop.sendEncrypted(room, List.of(laptop.userId(), bot), "!cd ping");

      awaitEncryptedReply(laptop, room, ping);
    }
    assertThat(down.hits()).as("the background tried once and gave up").isEqualTo(1);
    assertThat(hs.requests())
        .as("the reply fetched the member list itself")
        .filteredOn(r -> r.canonicalPath().endsWith("/joined_members"))
        .hasSize(2);
  }

  /**
   * Waits until the bot is quiet, sends the command, waits for the bot's reply to show up in the
   * request log and for the bot to be quiet again, and returns the bot's requests in that window.
   */
  private Window measure(String replyType, Supplier<String> sendCommand) {
    awaitQuiet();
    hs.clearRequests();
    String commandId = sendCommand.get();
    List<RecordedRequest> log = hs.requests();
    int command = indexOfPersonSend(log);
    LiveBot.awaitUntil(
        "the bot's reply reaches the homeserver",
        () -> indexOfBotSend(hs.requests(), replyType, command) >= 0);
    awaitQuiet();
    log = hs.requests();
    int reply = indexOfBotSend(log, replyType, command);
    Window window =
        new Window(
            commandId, log.subList(command + 1, reply + 1), log.subList(reply + 1, log.size()));
    System.out.println("[reply-first] " + replyType + ": " + window.describe());
    return window;
  }

  /** The person's command: their sends carry the testkit's {@code tu} transaction ids. */
  private static int indexOfPersonSend(List<RecordedRequest> log) {
    for (int i = log.size() - 1; i >= 0; i--) {
      RecordedRequest r = log.get(i);
      if (r.method().equals("PUT") && r.path().contains("/send/") && txnOf(r).startsWith("tu")) {
        return i;
      }
    }
    throw new AssertionError("the person's command is not in the log: " + log);
  }

  private static int indexOfBotSend(List<RecordedRequest> log, String type, int after) {
    for (int i = after + 1; i < log.size(); i++) {
      RecordedRequest r = log.get(i);
      if (r.method().equals("PUT")
          && r.path().contains("/send/" + type + "/")
          && !txnOf(r).startsWith("tu")) {
        return i;
      }
    }
    return -1;
  }

  private static String txnOf(RecordedRequest r) {
    return r.path().substring(r.path().lastIndexOf('/') + 1);
  }

  /** Quiet: no new request for a few polls in a row (the bot then sits in its long-poll). */
  private void awaitQuiet() {
    int[] last = {-1};
    int[] still = {0};
    LiveBot.awaitUntil(
        "the bot is idle",
        () -> {
          int now = hs.requests().size();
          still[0] = now == last[0] ? still[0] + 1 : 0;
          last[0] = now;
          pause();
          return still[0] >= 4;
        });
  }

  private static void pause() {
    try {
      Thread.sleep(150);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits for the bot's reply to {@code commandId}; every message of the bot's must decrypt. */
  private void awaitEncryptedReply(CryptoPerson reader, String room, String commandId) {
    reader.awaitEvent(
        room,
        e ->
            live.isBotEncrypted(e)
                && commandId.equals(LiveBot.inReplyTo(reader.decrypt(room, e, ANSWER).content())),
        ANSWER);
  }

  /**
   * The bot's requests from the command's arrival to its reply (inclusive), and after the reply
   * until the bot was quiet again.
   */
  private record Window(
      String commandId, List<RecordedRequest> toReply, List<RecordedRequest> after) {
    RecordedRequest reply() {
      return toReply.getLast();
    }

    /** Up to the reply, without the sync loop's next long-poll (it runs beside the handler). */
    List<RecordedRequest> untilReply() {
      return toReply.stream().filter(r -> !isSync(r)).toList();
    }

    private static boolean isSync(RecordedRequest r) {
      return r.method().equals("GET") && r.canonicalPath().equals("/_matrix/client/v3/sync");
    }

    String describe() {
      return "up to the reply: " + names(toReply) + "; after it: " + names(after);
    }

    private static List<String> names(List<RecordedRequest> requests) {
      return requests.stream().map(r -> r.method() + " " + r.canonicalPath()).toList();
    }
  }
}
