package cd.chatrix.app;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.store.Engine;
import cd.chatrix.app.store.sql.Dialect;
import cd.chatrix.testkit.bot.BotConfigFile;
import cd.chatrix.testkit.matrix.CreateRoomOptions;
import cd.chatrix.testkit.matrix.TestUser;
import cd.chatrix.testkit.postgres.PostgresCluster;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./chatrixcd -D}: the launcher detaches the bot, which writes a PID file, greets its room,
 * and on SIGTERM says goodbye, removes the PID file and exits cleanly. A replica that starts while
 * another holds the lease is reported standing by, and leads once the other stops.
 */
class DaemonIT {
  @TempDir Path dir;

  @RegisterExtension final TestServers servers = new TestServers();

  @Test
  void detachesGreetsAndStopsGracefullyOnSigterm() throws Exception {
    BotConfigFile botConfig = servers.newBot("daemon-bot-password-7d1e", dir);
    String bot = botConfig.botUserId();
    TestUser person = servers.homeserver().registerUser("ops", "ops-password");
    String room = person.createRoom(CreateRoomOptions.named("ops").withInvitees(bot));
    Path config = botConfig.greetingRooms(room).writeTo("config.json");
    Path pidFile = dir.resolve("chatrixcd.pid");

    Process launcher = launchDaemon(config, pidFile, "60");
    String launcherOutput = new String(launcher.getInputStream().readAllBytes(), UTF8);
    assertThat(launcher.exitValue()).as(launcherOutput).isZero();
    assertThat(launcherOutput).contains("ChatrixCD is running");

    long pid = Long.parseLong(Files.readString(pidFile).strip());
    ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
    assertThat(daemon.isAlive()).isTrue();

    JsonNode hello = person.awaitEvent(room, fromBot(bot), Duration.ofSeconds(60));
    String helloId = hello.path("event_id").asString("");

    assertThat(daemon.destroy()).as("SIGTERM sent").isTrue();
    JsonNode goodbye;
    try {
      goodbye =
          person.awaitEvent(
              room,
              e -> fromBot(bot).test(e) && !helloId.equals(e.path("event_id").asString("")),
              Duration.ofSeconds(60));
    } catch (AssertionError e) {
      // The daemon's own log says why it left without a word; the temp dir is gone afterwards.
      throw new AssertionError(
          e.getMessage() + "\n--- daemon log ---\n" + logTail(dir.resolve("chatrixcd.log")), e);
    }
    assertThat(goodbye.path("content").path("body").asString("")).isNotBlank();

    daemon.onExit().get(60, TimeUnit.SECONDS);
    assertThat(daemon.isAlive()).isFalse();
    assertThat(pidFile).doesNotExist();
    assertThat(Files.readString(dir.resolve("chatrixcd.log"))).doesNotContain(botConfig.password());
  }

  @Test
  void aDaemonStillWaitingForItsHomeserverIsLeftRunningAndSaysWhatItWaitsFor() throws Exception {
    int nothingListens;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      nothingListens = probe.getLocalPort();
    }
    Path config =
        BotConfigFile.forBot(
                URI.create("http://127.0.0.1:" + nothingListens),
                "@bot:localhost",
                "waiting-bot-password",
                servers.semaphore(),
                dir)
            .writeTo("config.json");
    Path pidFile = dir.resolve("chatrixcd.pid");
    Process launcher = launchDaemon(config, pidFile, "15");
    String launcherOutput = new String(launcher.getInputStream().readAllBytes(), UTF8);
    ProcessHandle daemon =
        ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).orElseThrow();
    try {
      assertThat(launcher.exitValue()).as(launcherOutput).isZero();
      assertThat(launcherOutput)
          .contains("still waiting for the homeserver at 127.0.0.1:" + nothingListens)
          .contains("connection refused");
      assertThat(daemon.isAlive()).as("the bot keeps waiting").isTrue();
    } finally {
      daemon.destroy();
      daemon.onExit().get(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void aReplicaThatStartsAsAStandbyIsReportedStandingByAndLeadsOnceTheLeaderStops()
      throws Exception {
    Dialect database = Engine.freshPostgresDatabase("daemon_standby");
    BotConfigFile replicas =
        servers
            .newBot("standby-bot-password-3c9a", dir)
            .pickleKey("daemon-pickle-key-shared-by-replicas")
            .noGreetings()
            .postgres(database.location(), PostgresCluster.USER)
            .shortLease();
    PackagedBot leader = PackagedBot.start("leader", dir, replicaConfig(replicas, "leader"));
    Path standbyLog = dir.resolve("standby.log");
    Path pidFile = dir.resolve("standby.pid");
    try {
      leader.awaitUp();

      Process launcher = launchDaemon(replicaConfig(replicas, "standby"), pidFile, "60");
      String launcherOutput = new String(launcher.getInputStream().readAllBytes(), UTF8);
      ProcessHandle standby =
          ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).orElseThrow();
      try {
        assertThat(launcher.exitValue()).as(launcherOutput).isZero();
        assertThat(launcherOutput)
            .contains("ChatrixCD is standing by in the background as PID " + standby.pid())
            .contains("leads (lease epoch 1)")
            .contains("takes over by itself");
        assertThat(standby.isAlive()).as("the standby waits for the lease").isTrue();

        leader.stop(); // SIGTERM: the leader hands its lease over
        Awaitility.await()
            .atMost(PackagedBot.PATIENCE)
            .ignoreExceptions()
            .until(() -> Files.readString(standbyLog).matches("(?s).*ChatrixCD \\S+ is up.*"));
      } finally {
        standby.destroy();
        standby.onExit().get(60, TimeUnit.SECONDS);
      }
      assertThat(pidFile).doesNotExist();
    } finally {
      leader.kill();
    }
  }

  /** One replica's config on the shared PostgreSQL store, with its own log. */
  private Path replicaConfig(BotConfigFile replicas, String name) {
    return replicas.logFile(dir.resolve(name + ".log")).writeTo(name + ".json");
  }

  /** {@code ./chatrixcd -D}, waiting at most {@code patience} seconds for "running"; returned. */
  private Process launchDaemon(Path config, Path pidFile, String patience) throws Exception {
    ProcessBuilder start =
        LauncherScript.in(dir, "-D", "-c", config.toString(), "--pid-file", pidFile.toString())
            .redirectErrorStream(true);
    start.environment().put("CHATRIXCD_DAEMON_PATIENCE", patience);
    Process launcher = start.start();
    assertThat(launcher.waitFor(90, TimeUnit.SECONDS)).as("the launcher returns").isTrue();
    return launcher;
  }

  private static String logTail(Path log) {
    try {
      var lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (java.io.IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private static java.util.function.Predicate<JsonNode> fromBot(String bot) {
    return e ->
        bot.equals(e.path("sender").asString(""))
            && "m.room.message".equals(e.path("type").asString(""));
  }
}
