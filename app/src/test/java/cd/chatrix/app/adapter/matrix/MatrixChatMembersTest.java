package cd.chatrix.app.adapter.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cd.chatrix.app.store.Schema;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.bot.port.RoomInfo;
import cd.chatrix.matrix.MatrixClient;
import cd.chatrix.testkit.matrix.CreateRoomOptions;
import cd.chatrix.testkit.matrix.TestHomeserver;
import cd.chatrix.testkit.matrix.TestUser;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Room members behind lazy loading: a member who never spoke is still listed. */
class MatrixChatMembersTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String BOT = "@bot:localhost";

  @TempDir Path dir;

  @Test
  void aQuietMemberHiddenByLazyLoadingIsListed() throws Exception {
    try (TestHomeserver hs = TestHomeserver.start();
        Store store = Store.open(dir, Schema.MIGRATIONS)) {
      hs.registerUser(BotAccount.USER, BotAccount.PASSWORD);
      TestUser alice = hs.registerUser("alice", "pw");
      TestUser carol = hs.registerUser("carol", "pw");
      String roomId = alice.createRoom(CreateRoomOptions.named("Busy").withPreset("public_chat"));
      carol.join(roomId);
      // Enough chatter to push carol's join out of the bot's first timeline window.
      for (int i = 0; i < 60; i++) {
        alice.sendText(roomId, "chatter " + i);
      }
      alice.invite(roomId, BOT);

      try (MatrixClient client = BotAccount.login(hs, MatrixStores.on(store))) {
        EventRouter.attach(client, new RecordingInbox(alice.userId()));
        MatrixChat chat = new MatrixChat(client);
        client.startSync();
        await()
            .atMost(WAIT)
            .until(() ->
                client.rooms().room(roomId).isPresent() && chat.joinedRooms().contains(roomId));
        await()
            .atMost(WAIT)
            .until(() ->
                client.rooms().room(roomId).map(s -> s.members().containsKey(BOT)).orElse(false));

        RoomInfo info = chat.roomInfo(roomId).orElseThrow();

        assertThat(info.members()).contains(alice.userId(), carol.userId(), BOT);
      }
    }
  }
}
