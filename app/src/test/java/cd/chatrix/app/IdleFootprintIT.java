package cd.chatrix.app;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.boot.demo.DemoSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the packaged bot loads and maps in the common configuration (password login, the {@code
 * http} endpoint off, {@code -L}), read from the JVM's own class-loading log and its {@code
 * /proc/PID/maps} once it has answered a command (issue 13, item 2; docs/bench/memory.md, "Fewer
 * classes at idle"). Counts, not sizes: they do not depend on the machine's load.
 */
class IdleFootprintIT {
  /**
   * What the common configuration does not use: none of it may be loaded. The sandbox's servers
   * speak plain http, so the JDK's TLS context (its implementation and the trust store it reads)
   * must not be set up; the store is SQLite, so no PostgreSQL driver class.
   */
  private static final List<String> UNUSED =
      List.of(
          "io.prometheus.",
          "com.nimbusds.",
          "com.googlecode.lanterna.",
          "cd.chatrix.app.tui.",
          "sun.security.ssl.SSLContextImpl",
          "sun.security.ssl.TrustStoreManager",
          "javax.net.ssl.SSLEngine",
          "org.postgresql.");

  @TempDir Path dir;

  private DemoSandbox sandbox;
  private PackagedBot bot;

  @BeforeEach
  void startServers() {
    sandbox = DemoSandbox.start();
  }

  @AfterEach
  void stopAll() {
    if (bot != null) {
      bot.kill();
    }
    sandbox.close();
  }

  @Test
  void theIdleBotMapsVodozemacOnceAndLoadsNothingItDoesNotUse() throws Exception {
    Path classLog = dir.resolve("classes.txt");
    bot = PackagedBot.start("bot", dir, sandbox.writeConfig(), "-Xlog:class+load:file=" + classLog);
    bot.awaitUp();
    sandbox.awaitBotJoined(PackagedBot.PATIENCE);
    String ping = sandbox.person().sendText(sandbox.roomId(), "!cd ping");
    Awaitility.await("the reply to ping").atMost(PackagedBot.PATIENCE).until(() -> repliedTo(ping));

    List<String> maps = Files.readAllLines(Path.of("/proc", Long.toString(bot.pid()), "maps"));
    assertThat(mappedFiles(maps, "vodozemac"))
        .as("files vodozemac's library is mapped from")
        .hasSize(1);
    assertThat(mappedFiles(maps, "sqlitejdbc"))
        .as("SQLite's library: one file, the store's own copy")
        .singleElement()
        .asString()
        .startsWith(sandbox.workDir().resolve("store").toString());

    List<String> loaded =
        Files.readAllLines(classLog).stream()
            .filter(line -> line.contains(" source: "))
            .map(line -> line.substring(line.indexOf("] ", line.indexOf("class,load")) + 2))
            .toList();
    assertThat(loaded).as("classes loaded").hasSizeGreaterThan(1000);
    assertThat(loaded.stream().filter(IdleFootprintIT::unused).toList())
        .as(
            "classes of the metrics library with http off, OIDC with a password, the TUI with -L,"
                + " TLS with http URLs, PostgreSQL with SQLite")
        .isEmpty();
  }

  /** The distinct files behind the mappings whose path contains {@code name}. */
  private static List<String> mappedFiles(List<String> maps, String name) {
    return maps.stream()
        .filter(line -> line.contains(name))
        .map(line -> line.substring(line.indexOf('/')))
        .distinct()
        .toList();
  }

  private static boolean unused(String loadedClass) {
    return UNUSED.stream().anyMatch(loadedClass::startsWith);
  }

  private boolean repliedTo(String eventId) {
    return sandbox.person().timeline(sandbox.roomId()).stream()
        .filter(e -> sandbox.botUserId().equals(e.path("sender").asString("")))
        .anyMatch(e ->
            eventId.equals(
                e.path("content")
                    .path("m.relates_to")
                    .path("m.in_reply_to")
                    .path("event_id")
                    .asString("")));
  }
}
