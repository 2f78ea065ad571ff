package cd.chatrix.app.adapter.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cd.chatrix.app.store.Schema;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.matrix.MatrixClient;
import cd.chatrix.testkit.matrix.CreateRoomOptions;
import cd.chatrix.testkit.matrix.TestHomeserver;
import cd.chatrix.testkit.matrix.TestUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bot restarted on the same SQLite store: same device, nothing handled twice, nothing lost. */
class MatrixStoresTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String BOT = "@bot:localhost";

  @TempDir Path dir;
  private final TestHomeserver hs = TestHomeserver.start();

  @AfterEach
  void stop() {
    hs.close();
  }

  @Test
  void aRestartKeepsTheDeviceAndDoesNotRedeliverHandledEvents() throws Exception {
    hs.registerUser(BotAccount.USER, BotAccount.PASSWORD);
    TestUser alice = hs.registerUser("alice", "pw");
    String deviceId;
    String roomId;
    String ping;

    try (Store store = Store.open(dir, Schema.MIGRATIONS)) {
      MatrixStores stores = MatrixStores.on(store);
      RecordingInbox first = new RecordingInbox(alice.userId());
      try (MatrixClient client = BotAccount.login(hs, stores)) {
        EventRouter.attach(client, first);
        client.startSync();
        assertThat(client.sync().awaitFirstSync(WAIT)).isTrue();
        deviceId = client.session().deviceId();
        roomId = alice.createRoom(CreateRoomOptions.named("Ops").withInvitees(BOT));
        ping = alice.sendText(roomId, "!cd ping");
        await().atMost(WAIT).until(() -> first.bodies().contains("!cd ping"));
        // Handled means recorded: either as a handled id or behind a committed position.
        Optional<String> positionAfterPing = stores.syncState().since();
        await()
            .atMost(WAIT)
            .until(() ->
                stores.syncState().isHandled(ping)
                    || !stores.syncState().since().equals(positionAfterPing));
      }
    }

    String whileAway = alice.sendText(roomId, "!cd status");

    try (Store store = Store.open(dir, Schema.MIGRATIONS)) {
      MatrixStores stores = MatrixStores.on(store);
      assertThat(stores.sessions().load().orElseThrow().deviceId()).isEqualTo(deviceId);
      RecordingInbox second = new RecordingInbox(alice.userId());
      try (MatrixClient client = BotAccount.login(hs, stores)) {
        EventRouter.attach(client, second);
        client.startSync();
        assertThat(client.session().deviceId()).isEqualTo(deviceId);
        await().atMost(WAIT).until(() -> second.bodies().contains("!cd status"));
        String after = alice.sendText(roomId, "!cd info");
        await().atMost(WAIT).until(() -> second.bodies().contains("!cd info"));

        assertThat(second.messages)
            .extracting(m -> m.eventId())
            .containsExactly(whileAway, after)
            .doesNotContain(ping);
      }
    }
    assertThat(hs.devicesOf(BOT)).contains(deviceId);
  }

  @Test
  void anEventHandledButNotYetCommittedBeforeACrashIsNotHandledAgain() throws Exception {
    hs.registerUser(BotAccount.USER, BotAccount.PASSWORD);
    TestUser alice = hs.registerUser("alice", "pw");
    String roomId;
    String ping;

    try (Store store = Store.open(dir, Schema.MIGRATIONS)) {
      MatrixStores stores = MatrixStores.on(store);
      // The crash: after the first position, no further position reaches the database.
      CommitsOnce syncState = new CommitsOnce(stores.syncState());
      MatrixStores crashing =
          new MatrixStores(stores.sessions(), stores.syncState(), stores.outbox());
      RecordingInbox first = new RecordingInbox(alice.userId());
      try (MatrixClient client = BotAccount.login(hs, crashing, b -> b.syncStateStore(syncState))) {
        EventRouter.attach(client, first);
        client.startSync();
        assertThat(client.sync().awaitFirstSync(WAIT)).isTrue();
        roomId = alice.createRoom(CreateRoomOptions.named("Ops").withInvitees(BOT));
        ping = alice.sendText(roomId, "!cd ping");
        await().atMost(WAIT).until(() -> stores.syncState().isHandled(ping));
      }
      assertThat(first.bodies()).containsExactly("!cd ping");
    }

    try (Store store = Store.open(dir, Schema.MIGRATIONS)) {
      MatrixStores stores = MatrixStores.on(store);
      RecordingInbox second = new RecordingInbox(alice.userId());
      try (MatrixClient client = BotAccount.login(hs, stores)) {
        EventRouter.attach(client, second);
        client.startSync();
        String after = alice.sendText(roomId, "!cd info");
        await().atMost(WAIT).until(() -> second.bodies().contains("!cd info"));
        assertThat(second.messages).extracting(m -> m.eventId()).containsExactly(after);
      }
    }
  }

  @Test
  void aSendTheServerNeverConfirmedGoesOutOnceAfterARestart() throws Exception {
    hs.registerUser(BotAccount.USER, BotAccount.PASSWORD);
    TestUser alice = hs.registerUser("alice", "pw");
    String roomId;

    try (Store store = Store.open(dir, Schema.MIGRATIONS)) {
      MatrixStores stores = MatrixStores.on(store);
      try (MatrixClient client = BotAccount.login(hs, stores)) {
        EventRouter.attach(client, new RecordingInbox(alice.userId()));
        client.startSync();
        assertThat(client.sync().awaitFirstSync(WAIT)).isTrue();
        roomId = alice.createRoom(CreateRoomOptions.named("Ops").withInvitees(BOT));
        MatrixChat chat = new MatrixChat(client, Duration.ofMillis(500));
        await().atMost(WAIT).until(() -> chat.roomInfo(roomId).isPresent());

        hs.faults().on("/_matrix/client/v3/rooms/").failNext(1_000_000, 503);
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                chat.send(
                    roomId,
                    new cd.chatrix.bot.port.OutgoingMessage(
                        "Task 9 finished",
                        "Task 9 finished",
                        Optional.empty(),
                        java.util.List.of())))
            .isInstanceOf(cd.chatrix.bot.port.PortException.class)
            .hasMessageContaining("stays queued");
      }
      assertThat(MatrixStores.on(store).outbox().pending()).hasSize(1);
    }
    hs.faults().clear();

    try (Store store = Store.open(dir, Schema.MIGRATIONS)) {
      MatrixStores stores = MatrixStores.on(store);
      try (MatrixClient client = BotAccount.login(hs, stores)) {
        EventRouter.attach(client, new RecordingInbox(alice.userId()));
        client.startSync();
        alice.awaitEvent(
            roomId,
            e -> e.path("content").path("body").asString("").equals("Task 9 finished"),
            WAIT);
        await().atMost(WAIT).until(() -> stores.outbox().pending().isEmpty());
      }
    }
    long copies =
        alice.timeline(roomId).stream()
            .filter(e -> e.path("content").path("body").asString("").equals("Task 9 finished"))
            .count();
    assertThat(copies).isEqualTo(1);
  }

  /** Passes the first commit through and drops the rest, as if the process died each time. */
  private static final class CommitsOnce implements cd.chatrix.matrix.sync.SyncStateStore {
    private final cd.chatrix.matrix.sync.SyncStateStore delegate;
    private boolean committed;

    CommitsOnce(cd.chatrix.matrix.sync.SyncStateStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public Optional<String> since() {
      return delegate.since();
    }

    @Override
    public boolean isHandled(String eventId) {
      return delegate.isHandled(eventId);
    }

    @Override
    public void markHandled(String eventId) {
      delegate.markHandled(eventId);
    }

    @Override
    public synchronized void commit(String nextBatch, java.util.Collection<String> ids) {
      if (!committed) {
        committed = true;
        delegate.commit(nextBatch, ids);
      }
    }
  }
}
