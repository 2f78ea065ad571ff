package cd.chatrix.app.adapter.crypto;

import cd.chatrix.app.adapter.matrix.MatrixStores;
import cd.chatrix.app.config.MatrixConfig;
import cd.chatrix.app.config.Secret;
import cd.chatrix.app.store.Schema;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.matrix.MatrixClient;
import cd.chatrix.matrix.auth.LoginMethod;
import cd.chatrix.matrix.http.Backoff;
import cd.chatrix.matrix.http.Sleeper;
import cd.chatrix.matrix.send.MessageContent;
import cd.chatrix.matrix.sync.RoomEvent;
import cd.chatrix.matrix.sync.SyncOptions;
import cd.chatrix.testkit.matrix.TestHomeserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The bot as production wires it: a Matrix client on the SQLite store with the encryption bridge
 * installed before sync starts. Records every room event its handler sees.
 */
final class BotUnderTest implements AutoCloseable {
  static final String USER = "bot";
  static final String PASSWORD = "bot-password";

  final Store store;
  final MatrixClient matrix;
  final EncryptionBridge bridge;
  final List<RoomEvent> events = new CopyOnWriteArrayList<>();

  private BotUnderTest(Store store, MatrixClient matrix, EncryptionBridge bridge) {
    this.store = store;
    this.matrix = matrix;
    this.bridge = bridge;
  }

  /** The bot's Matrix client on {@code store}, tuned for tests and logged in (not syncing yet). */
  static MatrixClient loggedIn(TestHomeserver hs, Store store) {
    MatrixClient matrix =
        MatrixStores.on(store)
            .applyTo(MatrixClient.builder(hs.baseUri()))
            .syncOptions(
                SyncOptions.defaults()
                    .withPollTimeout(Duration.ofMillis(500))
                    .withHandlerGracePeriod(Duration.ofMillis(500)))
            .backoff(new Backoff(Duration.ofMillis(20), Duration.ofMillis(200)), Sleeper.REAL)
            .build();
    matrix.login(new LoginMethod.Password(USER, PASSWORD));
    return matrix;
  }

  static BotUnderTest start(TestHomeserver hs, Path storeDir) {
    Store store = Store.open(storeDir, Schema.MIGRATIONS);
    MatrixClient matrix = loggedIn(hs, store);
    EncryptionBridge bridge = EncryptionBridge.install(matrix, store, config(hs, storeDir));
    BotUnderTest bot = new BotUnderTest(store, matrix, bridge);
    bridge.onRoomEvent(bot.events::add);
    matrix.startSync();
    return bot;
  }

  /** The configuration production would load for this bot. */
  static MatrixConfig config(TestHomeserver hs, Path storeDir) {
    return new MatrixConfig(
        hs.baseUri().toString(),
        USER,
        "",
        "ChatrixCD Bot",
        MatrixConfig.AuthType.PASSWORD,
        Secret.of(PASSWORD),
        Secret.NONE,
        Secret.NONE,
        "",
        "",
        Secret.NONE,
        List.of("openid"),
        "http://localhost:8080/callback",
        storeDir,
        true,
        MatrixConfig.TrustPolicy.ALL,
        Secret.NONE);
  }

  String userId() {
    return matrix.session().userId();
  }

  String deviceId() {
    return matrix.session().deviceId();
  }

  boolean sawMessage(String eventId, String body) {
    return events.stream()
        .anyMatch(e ->
            e.eventId().equals(eventId)
                && e.type().equals("m.room.message")
                && e.body().equals(body));
  }

  String notice(String roomId, String body) throws Exception {
    return matrix
        .sender()
        .sendMessage(roomId, MessageContent.notice(body).build())
        .get(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    matrix.close();
    bridge.close();
    store.close();
  }
}
