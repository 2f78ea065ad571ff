package cd.chatrix.app.adapter.semaphore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cd.chatrix.bot.Bot;
import cd.chatrix.bot.BotSettings;
import cd.chatrix.bot.IncomingMessage;
import cd.chatrix.bot.port.ChatPort;
import cd.chatrix.bot.port.FileAttachment;
import cd.chatrix.bot.port.OutgoingMessage;
import cd.chatrix.bot.port.Relation;
import cd.chatrix.bot.port.RoomInfo;
import cd.chatrix.bot.store.Stores;
import cd.chatrix.semaphore.SemaphoreClient;
import cd.chatrix.semaphore.watch.WatcherSettings;
import cd.chatrix.testkit.semaphore.RunScript;
import cd.chatrix.testkit.semaphore.SemaphoreSimulator;
import cd.chatrix.testkit.semaphore.Shape;
import cd.chatrix.testkit.semaphore.TemplateSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The wiring the app uses, end to end below Matrix: a real bot drives the Semaphore simulator
 * through {@link SemaphoreRunner}, and {@link TaskFeed} brings the task's states back to it.
 */
class BotOverSemaphoreTest {
  private static final String ROOM = "!ops:example.org";
  private static final String ALICE = "@alice:example.org";
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final Chat chat = new Chat();
  private SemaphoreSimulator sim;
  private SemaphoreClient client;
  private TaskFeed feed;
  private Bot bot;

  @AfterEach
  void tearDown() {
    if (bot != null) {
      bot.close();
    }
    if (feed != null) {
      feed.close();
    }
    if (client != null) {
      client.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  void aConfirmedRunIsFollowedToItsEndInOneStatusMessage() {
    sim = SemaphoreSimulator.start(Shape.V2_12);
    sim.stepDelay(Duration.ofMillis(5));
    int project = sim.createProject("infra");
    int template =
        sim.createTemplate(
            project, TemplateSpec.ansible("deploy").withScript(RunScript.longRunning()));
    client = SemaphoreClient.create(SemaphoreRunnerTest.settings(sim.baseUri(), sim.adminToken()));
    feed =
        new TaskFeed(
            client,
            WatcherSettings.defaults()
                .withPolling(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(1)),
            Duration.ofSeconds(1));
    var settings =
        BotSettings.defaults("@bot:example.org", sim.baseUri().toString())
            .withGreetings(Set.of(), false);
    bot =
        Bot.builder()
            .settings(() -> settings)
            .chat(chat)
            .runner(new SemaphoreRunner(client, feed::watch))
            .stores(Stores.inMemory())
            .autoTick(false)
            .build();
    feed.follow(bot).start();
    bot.start();

    say("!cd run " + project + " " + template);
    say("yes");
    await().atMost(WAIT).until(() -> sim.requests().count("POST", "/api/project/") > 0);
    int taskId = lastTaskId(project);
    await()
        .atMost(WAIT)
        .until(() -> chat.sent.stream().anyMatch(m -> m.body().contains("task #" + taskId)));
    Chat.Sent status =
        chat.sent.stream()
            .filter(m -> m.body().contains("task #" + taskId))
            .findFirst()
            .orElseThrow();
    await()
        .atMost(WAIT)
        .until(() -> chat.editsOf(status.eventId()).anyMatch(b -> b.contains("running")));
    sim.release(taskId);
    await()
        .atMost(WAIT)
        .until(() -> chat.editsOf(status.eventId()).anyMatch(b -> b.contains("success")));

    List<String> edits = chat.editsOf(status.eventId()).toList();
    assertThat(edits.stream().filter(b -> b.contains("· running"))).hasSize(1);
    assertThat(edits.stream().filter(b -> b.contains("· success"))).hasSize(1);
    assertThat(edits.getLast()).contains("· success");
    assertThat(chat.sent)
        .anyMatch(m -> m.mentions().contains(ALICE) && !m.eventId().equals(status.eventId()));
    assertThat(bot.watchedTasks()).isEmpty();
  }

  private int lastTaskId(int project) {
    return client.lastTasks(project, 1).getFirst().id();
  }

  private final AtomicInteger events = new AtomicInteger();

  private void say(String body) {
    bot.onMessage(IncomingMessage.of(ROOM, "$in" + events.incrementAndGet(), ALICE, body));
  }

  /** A chat that records what the bot sends and edits. */
  static final class Chat implements ChatPort {
    record Sent(String eventId, String body, List<String> mentions) {}

    record Edit(String eventId, String body) {}

    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final List<Edit> edits = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    java.util.stream.Stream<String> editsOf(String eventId) {
      return edits.stream().filter(e -> e.eventId().equals(eventId)).map(Edit::body);
    }

    @Override
    public String send(String roomId, OutgoingMessage message) {
      String id = "$out" + ids.incrementAndGet();
      sent.add(new Sent(id, message.body(), message.mentions()));
      return id;
    }

    @Override
    public void edit(String roomId, String eventId, OutgoingMessage newContent) {
      edits.add(new Edit(eventId, newContent.body()));
    }

    @Override
    public void react(String roomId, String eventId, String key) {}

    @Override
    public void redact(String roomId, String eventId, String reason) {}

    @Override
    public String sendFile(String roomId, FileAttachment file, Optional<Relation> relation) {
      return send(roomId, new OutgoingMessage(file.fileName(), "", relation, List.of()));
    }

    @Override
    public Optional<RoomInfo> roomInfo(String roomId) {
      return Optional.of(new RoomInfo(roomId, "ops", true, false, List.of(ALICE)));
    }

    @Override
    public List<String> joinedRooms() {
      return List.of(ROOM);
    }

    @Override
    public String join(String roomIdOrAlias) {
      return roomIdOrAlias;
    }

    @Override
    public void leave(String roomId) {}
  }
}
