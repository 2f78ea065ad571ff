package cd.chatrix.app.adapter.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.store.Schema;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.bot.Bot;
import cd.chatrix.bot.BotSettings;
import cd.chatrix.bot.port.OutputChunk;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.Project;
import cd.chatrix.bot.port.RunnerInfo;
import cd.chatrix.bot.port.RunnerPort;
import cd.chatrix.bot.port.TaskInfo;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.port.TaskRequest;
import cd.chatrix.bot.port.Template;
import cd.chatrix.matrix.MatrixClient;
import cd.chatrix.testkit.matrix.CreateRoomOptions;
import cd.chatrix.testkit.matrix.TestHomeserver;
import cd.chatrix.testkit.matrix.TestUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The real bot behind the router and the chat port: a command in, a threaded notice out. */
class BotOverMatrixTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String BOT = "@bot:localhost";

  @TempDir Path dir;

  @Test
  void pingIsAnsweredWithANoticeInTheCommandsThread() throws Exception {
    try (TestHomeserver hs = TestHomeserver.start();
        Store store = Store.open(dir, Schema.MIGRATIONS)) {
      hs.registerUser(BotAccount.USER, BotAccount.PASSWORD);
      TestUser alice = hs.registerUser("alice", "pw");
      try (MatrixClient client = BotAccount.login(hs, MatrixStores.on(store))) {
        MatrixChat chat = new MatrixChat(client);
        BotSettings settings =
            BotSettings.builder(BOT, "https://semaphore.example")
                .invitePolicy(BotSettings.InvitePolicy.EVERYONE)
                .build();
        Bot bot =
            Bot.builder()
                .settings(() -> settings)
                .chat(chat)
                .runner(new PingOnlyRunner())
                .autoTick(false)
                .build();
        EventRouter.attach(client, BotInbox.of(bot));
        client.startSync();
        assertThat(client.sync().awaitFirstSync(WAIT)).isTrue();
        String roomId = alice.createRoom(CreateRoomOptions.named("Ops").withInvitees(BOT));
        alice.awaitEvent(
            roomId,
            e ->
                e.path("type").asString().equals("m.room.member")
                    && e.path("state_key").asString().equals(BOT)
                    && e.path("content").path("membership").asString().equals("join"),
            WAIT);

        String command = alice.sendText(roomId, "!cd ping");

        JsonNode reply =
            alice.awaitEvent(
                roomId,
                e ->
                    e.path("sender").asString().equals(BOT)
                        && e.path("type").asString().equals("m.room.message"),
                WAIT);
        JsonNode content = reply.path("content");
        assertThat(content.path("msgtype").asString()).isEqualTo("m.notice");
        assertThat(content.path("body").asString()).isNotBlank();
        assertThat(content.path("format").asString()).isEqualTo("org.matrix.custom.html");
        JsonNode relates = content.path("m.relates_to");
        String anchor =
            relates.path("rel_type").asString("").equals("m.thread")
                ? relates.path("event_id").asString()
                : relates.path("m.in_reply_to").path("event_id").asString();
        assertThat(anchor).isEqualTo(command);
      }
    }
  }

  /** A runner that answers ping and refuses everything else. */
  private static final class PingOnlyRunner implements RunnerPort {
    @Override
    public RunnerInfo ping() {
      return new RunnerInfo("2.10.0", "https://semaphore.example");
    }

    @Override
    public List<Project> projects() {
      throw refused();
    }

    @Override
    public List<Template> templates(long projectId) {
      throw refused();
    }

    @Override
    public TaskRef start(long projectId, TaskRequest request) {
      throw refused();
    }

    @Override
    public List<TaskRef> startsOf(long projectId, TaskRequest request, java.time.Instant since) {
      throw refused();
    }

    @Override
    public void stop(TaskRef task, boolean force) {
      throw refused();
    }

    @Override
    public void confirm(TaskRef task) {
      throw refused();
    }

    @Override
    public void reject(TaskRef task) {
      throw refused();
    }

    @Override
    public TaskInfo task(TaskRef task) {
      throw refused();
    }

    @Override
    public OutputChunk output(TaskRef task, int fromLine) {
      throw refused();
    }

    private static PortException refused() {
      return new PortException("not part of this test");
    }
  }
}
