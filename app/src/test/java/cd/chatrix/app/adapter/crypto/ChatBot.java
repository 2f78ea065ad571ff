package cd.chatrix.app.adapter.crypto;

import cd.chatrix.app.adapter.matrix.BotInbox;
import cd.chatrix.app.adapter.matrix.EventRouter;
import cd.chatrix.app.adapter.matrix.MatrixChat;
import cd.chatrix.app.config.MatrixConfig;
import cd.chatrix.app.store.Schema;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.bot.Bot;
import cd.chatrix.bot.BotSettings;
import cd.chatrix.bot.port.ChatPort;
import cd.chatrix.bot.port.FileAttachment;
import cd.chatrix.bot.port.OutgoingMessage;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.Relation;
import cd.chatrix.bot.port.RoomInfo;
import cd.chatrix.bot.port.RunnerPort;
import cd.chatrix.matrix.MatrixClient;
import cd.chatrix.testkit.matrix.TestHomeserver;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The chat bot as production wires it with encryption on: Matrix client on the SQLite store, the
 * encryption bridge, {@link ChatEncryption} for {@code verify}/{@code sessions}, and room events
 * through the bridge into the bot. Keeps the text of every message the bot sent, in order.
 */
record ChatBot(
    Store store,
    MatrixClient matrix,
    EncryptionBridge bridge,
    ChatEncryption e2ee,
    Bot bot,
    List<String> said)
    implements AutoCloseable {

  static ChatBot start(TestHomeserver hs, Path dir) {
    Path storeDir = dir.resolve("bot-store");
    Store store = Store.open(storeDir, Schema.MIGRATIONS);
    MatrixClient matrix = BotUnderTest.loggedIn(hs, store);
    EncryptionBridge bridge =
        EncryptionBridge.install(matrix, store, BotUnderTest.config(hs, storeDir));
    ChatEncryption e2ee = ChatEncryption.over(bridge, matrix, MatrixConfig.TrustPolicy.ALL);
    BotSettings settings =
        BotSettings.builder(matrix.session().userId(), "https://semaphore.invalid")
            .invitePolicy(BotSettings.InvitePolicy.EVERYONE)
            .build();
    List<String> said = new CopyOnWriteArrayList<>();
    Bot bot =
        Bot.builder()
            .settings(() -> settings)
            .chat(new Recording(new MatrixChat(matrix), said))
            .runner(noSemaphore())
            .encryption(Optional.of(e2ee))
            .autoTick(false)
            .build();
    EventRouter.attach(matrix, BotInbox.of(bot), bridge::onRoomEvent);
    matrix.startSync();
    return new ChatBot(store, matrix, bridge, e2ee, bot, said);
  }

  String userId() {
    return matrix.session().userId();
  }

  String deviceId() {
    return matrix.session().deviceId();
  }

  /** The newest message the bot sent that contains {@code text}. */
  Optional<String> saidSomething(String text) {
    return said.reversed().stream().filter(s -> s.contains(text)).findFirst();
  }

  @Override
  public void close() {
    matrix.close();
    e2ee.close();
    bridge.close();
    store.close();
  }

  /** Verification needs no Semaphore; any call to it fails the command loudly. */
  private static RunnerPort noSemaphore() {
    return (RunnerPort)
        Proxy.newProxyInstance(
            RunnerPort.class.getClassLoader(),
            new Class<?>[] {RunnerPort.class},
            (proxy, method, args) -> {
              throw new PortException("Semaphore is not part of this test");
            });
  }

  /** The real chat port, noting each message's text once the homeserver took it. */
  private record Recording(ChatPort chat, List<String> said) implements ChatPort {
    @Override
    public String send(String roomId, OutgoingMessage message) {
      String id = chat.send(roomId, message);
      said.add(message.body());
      return id;
    }

    @Override
    public void edit(String roomId, String eventId, OutgoingMessage newContent) {
      chat.edit(roomId, eventId, newContent);
    }

    @Override
    public void react(String roomId, String eventId, String key) {
      chat.react(roomId, eventId, key);
    }

    @Override
    public void redact(String roomId, String eventId, String reason) {
      chat.redact(roomId, eventId, reason);
    }

    @Override
    public String sendFile(String roomId, FileAttachment file, Optional<Relation> relation) {
      return chat.sendFile(roomId, file, relation);
    }

    @Override
    public Optional<RoomInfo> roomInfo(String roomId) {
      return chat.roomInfo(roomId);
    }

    @Override
    public List<String> joinedRooms() {
      return chat.joinedRooms();
    }

    @Override
    public String join(String roomIdOrAlias) {
      return chat.join(roomIdOrAlias);
    }

    @Override
    public String encryptedDirectRoom(String userId) {
      return chat.encryptedDirectRoom(userId);
    }

    @Override
    public void leave(String roomId) {
      chat.leave(roomId);
    }
  }
}
