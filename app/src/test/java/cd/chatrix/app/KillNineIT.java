package cd.chatrix.app;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.store.Schema;
import cd.chatrix.app.store.matrix.SqlOutboxStore;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.testkit.bot.BotConfigFile;
import cd.chatrix.testkit.matrix.CreateRoomOptions;
import cd.chatrix.testkit.matrix.Faults;
import cd.chatrix.testkit.matrix.TestUser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code kill -9} of the real bot process in the middle of a burst of commands, and a restart on
 * the same store: every command is answered exactly once (issue 13, item 4).
 *
 * <p>The kill is made to land where it hurts: once some replies to a first wave of commands are
 * through, the homeserver starts carrying out the bot's replies without answering ({@link
 * Faults.Kind#READ_TIMEOUT}) and the rest of the burst follows, so at the kill one reply is in the
 * room but unconfirmed (its redelivery must be dropped by the homeserver through the transaction
 * id), later commands are queued in the outbox behind it, and the rest of the burst is still on its
 * way or not yet seen by the bot. After the restart a last {@code ping} marks the end: the room's
 * sends leave in order, so once its answer is in, everything before it is too.
 */
class KillNineIT {
  private static final Duration PATIENCE = PackagedBot.PATIENCE;
  private static final int COMMANDS = 40;

  /** Commands sent before the homeserver starts holding the bot's replies. */
  private static final int FIRST_WAVE = 10;

  /** Commands of the second wave the bot has handled (and queued replies for) at the kill. */
  private static final int QUEUED = 5;

  private final int opsPort = BotConfigFile.freePort();

  @TempDir Path dir;

  @RegisterExtension final TestServers servers = new TestServers();
  private final List<PackagedBot> bots = new ArrayList<>();

  @AfterEach
  void killTheBots() {
    bots.forEach(PackagedBot::kill);
  }

  @Test
  void everyCommandOfABurstIsAnsweredExactlyOnceAcrossAKillNine() throws Exception {
    BotConfigFile botConfig = servers.newBot("kill-nine-bot-password-51c2", dir);
    String bot = botConfig.botUserId();
    TestUser person = servers.homeserver().registerUser("ops", "ops-password");
    String room = person.createRoom(CreateRoomOptions.named("burst").withInvitees(bot));
    BotTimeline timeline = new BotTimeline(person, room, bot);
    Path config = botConfig.noGreetings().unthrottled().opsPort(opsPort).writeTo("config.json");

    PackagedBot first = start(config);
    first.awaitUp();
    Awaitility.await().atMost(PATIENCE).until(timeline::joined);

    List<String> commands = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch repliesHeld = new CountDownLatch(1);
    CompletableFuture<Void> burst =
        CompletableFuture.runAsync(
            () -> {
              for (int i = 0; i < COMMANDS; i++) {
                if (i == FIRST_WAVE) {
                  // However fast the bot is, the rest of the burst meets the held replies.
                  await(repliesHeld);
                }
                commands.add(person.sendText(room, "!cd ping"));
              }
            },
            r -> Thread.ofVirtual().start(r));
    Awaitility.await().atMost(PATIENCE).until(() -> timeline.replies().size() >= FIRST_WAVE / 2);
    Faults.Outage unanswered =
        servers
            .homeserver()
            .faults()
            .on("/rooms/*/send/")
            .whereBody("m.notice")
            .fail(Faults.Kind.READ_TIMEOUT);
    repliesHeld.countDown();
    Awaitility.await().atMost(PATIENCE).until(() -> unanswered.hits() >= 1);
    // Some of the second wave handled too, so their replies wait in the outbox behind the held one.
    Awaitility.await().atMost(PATIENCE).until(() -> pingsHandled() >= FIRST_WAVE + QUEUED);

    first.kill();
    int answeredAtKill = timeline.replies().size();
    unanswered.lift();
    burst.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    int queuedAtKill = outboxSize();
    System.out.printf(
        "[kill-nine] at the kill: %d of %d commands answered, %d sends in the outbox%n",
        answeredAtKill, COMMANDS, queuedAtKill);
    assertThat(answeredAtKill).as("the kill came mid-burst").isLessThan(COMMANDS);
    assertThat(queuedAtKill)
        .as("the kill left an unconfirmed reply and replies queued behind it")
        .isGreaterThanOrEqualTo(QUEUED);

    PackagedBot second = start(config);
    second.awaitUp();
    Awaitility.await().atMost(PATIENCE).until(() -> timeline.replies().size() >= COMMANDS);
    String last = person.sendText(room, "!cd ping");
    Awaitility.await().atMost(PATIENCE).until(() -> timeline.replies().containsKey(last));

    Map<String, Long> replies = timeline.replies();
    List<String> expected = new ArrayList<>(commands);
    expected.add(last);
    assertThat(replies.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(replies).allSatisfy((command, count) -> assertThat(count).as(command).isOne());
    assertThat(timeline.messages()).hasSize(COMMANDS + 1);
    second.stop();
    assertThat(outboxSize()).as("nothing left to send").isZero();
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
        throw new IllegalStateException("the replies were never held");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The bot's own count of handled pings, from its {@code /metrics}. */
  private int pingsHandled() {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + opsPort + "/metrics")).build();
    try (HttpClient http = HttpClient.newHttpClient()) {
      String metrics = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
      return metrics
          .lines()
          .filter(l -> l.startsWith("chatrixcd_commands_total{command=\"ping\",outcome=\"ok\"}"))
          .mapToInt(l -> (int) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
          .sum();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /** Read while no bot runs: the store of a killed process, as the next start finds it. */
  private int outboxSize() {
    try (Store store = Store.open(dir.resolve("store"), Schema.MIGRATIONS)) {
      return new SqlOutboxStore(store).pending().size();
    }
  }

  /** The packaged app on its own JVM, with the launcher's JVM options, in the foreground. */
  private PackagedBot start(Path config) throws IOException {
    PackagedBot bot = PackagedBot.start("bot-" + (bots.size() + 1), dir, config);
    bots.add(bot);
    return bot;
  }
}
