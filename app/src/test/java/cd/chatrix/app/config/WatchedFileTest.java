package cd.chatrix.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchedFileTest {

  // The poll is far slower than the 2 s bound, so a pass proves the WatchService path works.
  private static final WatchedFile.Options EVENTS_ONLY =
      new WatchedFile.Options(Duration.ofMillis(200), Duration.ofMinutes(5));

  @TempDir Path dir;

  private static String config(String prefix) {
    return """
    // hot reload test
    {
      "matrix": {"homeserver": "https://hs.example.org", "user_id": "@bot:example.org",
                 "password": "pw"},
      "semaphore": {"url": "https://sem.example.org", "api_token": "tok"},
      "bot": {"command_prefix": "%s", "admin_users": ["@file:example.org"]},
    }
    """
        .formatted(prefix);
  }

  private static void replace(Path file, String content) throws IOException {
    // Like an editor: write a temporary file, then rename it over the original.
    Path temp = file.resolveSibling(file.getFileName() + ".swp");
    Files.writeString(temp, content);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private ChatrixConfig initial(ConfigLoader loader, Path file, ConfigOverrides overrides) {
    return ((LoadResult.Loaded) loader.load(file, overrides)).config();
  }

  @Test
  void aReloadReachesASubscriberWithinTwoSecondsAndKeepsCliOverrides() throws IOException {
    Path file = dir.resolve("config.json");
    Files.writeString(file, config("!cd"));
    ConfigLoader loader = new ConfigLoader(Map.of(), dir);
    ConfigOverrides cli =
        new ConfigOverrides(
            List.of("@cli:example.org"),
            List.of("!cliroom:example.org"),
            true,
            true,
            false,
            false,
            Optional.empty());
    List<ChatrixConfig> seen = new CopyOnWriteArrayList<>();

    try (LogCapture log = new LogCapture(ConfigLoader.class);
        WatchedFile<ChatrixConfig> watched =
            loader.watch(file, cli, initial(loader, file, cli), EVENTS_ONLY)) {
      watched.subscribe(seen::add);
      replace(file, config("!new").replace("\"pw\"", "\"pw2\""));

      await().atMost(Duration.ofSeconds(2)).until(() -> !seen.isEmpty());
      ChatrixConfig reloaded = seen.getFirst();
      assertThat(reloaded.bot().commandPrefix()).isEqualTo("!new");
      assertThat(watched.current()).isSameAs(reloaded);
      assertThat(reloaded.bot().adminUsers()).contains("@file:example.org", "@cli:example.org");
      assertThat(reloaded.bot().allowedRooms()).contains("!cliroom:example.org");
      assertThat(reloaded.bot().greetingsEnabled()).isFalse();
      assertThat(reloaded.bot().redact()).isTrue();
      // The reload says what it applied and what waits for a restart, naming secrets only.
      await()
          .atMost(Duration.ofSeconds(2))
          .untilAsserted(() ->
              assertThat(log.messages())
                  .anySatisfy(m -> assertThat(m).contains("applied bot.command_prefix"))
                  .anySatisfy(m -> assertThat(m).contains("matrix.password changed"))
                  .noneSatisfy(m -> assertThat(m).contains("pw2")));
    }
  }

  @Test
  void aReloadThatIsNotUtf8IsRefusedWithTheReason() throws IOException {
    Path file = dir.resolve("config.json");
    Files.writeString(file, config("!good"));
    ConfigLoader loader = new ConfigLoader(Map.of(), dir);
    ChatrixConfig first = initial(loader, file, ConfigOverrides.none());

    try (LogCapture log = new LogCapture(WatchedFile.class);
        WatchedFile<ChatrixConfig> watched =
            loader.watch(file, ConfigOverrides.none(), first, EVENTS_ONLY)) {
      Files.write(file, config("!grüß").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      await()
          .atMost(Duration.ofSeconds(2))
          .until(() -> log.messages().stream().anyMatch(m -> m.contains("not UTF-8")));
      assertThat(watched.current().bot().commandPrefix()).isEqualTo("!good");
    }
  }

  @Test
  void aBrokenFileKeepsTheLastGoodValuesAndLogsWhy() throws IOException {
    Path file = dir.resolve("config.json");
    Files.writeString(file, config("!good"));
    ConfigLoader loader = new ConfigLoader(Map.of(), dir);
    List<ChatrixConfig> seen = new CopyOnWriteArrayList<>();

    try (LogCapture log = new LogCapture(WatchedFile.class);
        WatchedFile<ChatrixConfig> watched =
            loader.watch(
                file,
                ConfigOverrides.none(),
                initial(loader, file, ConfigOverrides.none()),
                EVENTS_ONLY)) {
      watched.subscribe(seen::add);

      Files.writeString(file, config("").replace("\"tok\"", "\"${NOT_SET}\""));
      await()
          .atMost(Duration.ofSeconds(2))
          .until(() -> log.messages().stream().anyMatch(m -> m.contains("bot.command_prefix")));
      assertThat(log.messages())
          .anySatisfy(m -> assertThat(m).contains("semaphore.api_token").contains("NOT_SET"));
      assertThat(watched.current().bot().commandPrefix()).isEqualTo("!good");
      assertThat(seen).isEmpty();

      // Fixing the file brings the new values in.
      Files.writeString(file, config("!fixed"));
      // Subscribers hear about it after the swap, so wait for them rather than for current().
      await().atMost(Duration.ofSeconds(2)).until(() -> !seen.isEmpty());
      assertThat(seen)
          .singleElement()
          .satisfies(c -> assertThat(c.bot().commandPrefix()).isEqualTo("!fixed"));
      assertThat(watched.current().bot().commandPrefix()).isEqualTo("!fixed");
    }
  }

  @Test
  void followsAKubernetesStyleSymlinkSwap() throws IOException {
    Path v1 = Files.createDirectory(dir.resolve("..v1"));
    Path v2 = Files.createDirectory(dir.resolve("..v2"));
    Files.writeString(v1.resolve("aliases.json"), "{\"a\": \"ping\"}");
    Files.writeString(v2.resolve("aliases.json"), "{\"b\": \"status\"}");
    Files.createSymbolicLink(dir.resolve("..data"), v1.getFileName());
    Path file = dir.resolve("aliases.json");
    Files.createSymbolicLink(file, Path.of("..data/aliases.json"));

    try (WatchedFile<Map<String, String>> watched = AliasesFile.watch(file, EVENTS_ONLY)) {
      assertThat(watched.current()).containsOnlyKeys("a");
      Path next = dir.resolve("..data_tmp");
      Files.createSymbolicLink(next, v2.getFileName());
      Files.move(next, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);

      await().atMost(Duration.ofSeconds(2)).until(() -> watched.current().containsKey("b"));
    }
  }

  @Test
  void thePollCatchesChangesWhenEventsAreMissed() throws IOException {
    Path file = dir.resolve("messages.json");
    Files.writeString(file, "{\"pet\": [\"one\"]}");
    // The file is watched through a directory that is replaced: events for the new one are lost.
    WatchedFile.Options fastPoll =
        new WatchedFile.Options(Duration.ofMillis(50), Duration.ofMillis(300));
    try (WatchedFile<Map<String, List<String>>> watched = MessagesFile.watch(file, fastPoll)) {
      assertThat(watched.current()).containsEntry("pet", List.of("one"));
      Files.delete(file);
      Files.delete(dir);
      Files.createDirectory(dir);
      Files.writeString(file, "{\"pet\": [\"two\"]}");
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> watched.current().getOrDefault("pet", List.of()).contains("two"));
    }
  }

  @Test
  void aFailingSubscriberDoesNotStopOthersAndUnsubscribeWorks() throws Exception {
    Path file = dir.resolve("aliases.json");
    Files.writeString(file, "{}");
    List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
    List<Map<String, String>> unsubscribed = new CopyOnWriteArrayList<>();
    try (WatchedFile<Map<String, String>> watched = AliasesFile.watch(file, EVENTS_ONLY)) {
      watched.subscribe(v -> {
        throw new IllegalStateException("component failed");
      });
      watched.subscribe(seen::add);
      watched.subscribe(unsubscribed::add).close();

      replace(file, "{\"x\": \"ping\"}");
      await().atMost(Duration.ofSeconds(2)).until(() -> !seen.isEmpty());
      assertThat(seen.getFirst()).containsEntry("x", "ping");
      assertThat(unsubscribed).isEmpty();
    }
  }

  @Test
  void reloadNowSwapsOnlyWhenTheContentChanged() throws IOException {
    Path file = dir.resolve("aliases.json");
    Files.writeString(file, "{\"x\": \"ping\"}");
    try (WatchedFile<Map<String, String>> watched =
        AliasesFile.watch(
            file, new WatchedFile.Options(Duration.ofMinutes(1), Duration.ofMinutes(5)))) {
      assertThat(watched.reloadNow()).isFalse();
      Files.writeString(file, "{\"y\": \"status\"}");
      assertThat(watched.reloadNow()).isTrue();
      assertThat(watched.current()).containsOnlyKeys("y");
      assertThat(watched.reloadNow()).isFalse();
    }
  }

  @Test
  void secretsInABrokenConfigNeverReachTheLog() throws IOException {
    Path file = dir.resolve("config.json");
    Files.writeString(file, config("!ok"));
    ConfigLoader loader = new ConfigLoader(Map.of(), dir);
    try (LogCapture watcherLog = new LogCapture(WatchedFile.class);
        LogCapture loaderLog = new LogCapture(ConfigLoader.class);
        WatchedFile<ChatrixConfig> watched =
            loader.watch(
                file,
                ConfigOverrides.none(),
                initial(loader, file, ConfigOverrides.none()),
                EVENTS_ONLY)) {
      // A semantic mistake next to a secret, then a syntax error right at an unquoted secret.
      replace(
          file,
          config("!ok")
              .replace("\"pw\"", "\"Pass-Semantic-111\"")
              .replace("\"https://sem.example.org\"", "\"sem.example.org\""));
      await()
          .atMost(Duration.ofSeconds(2))
          .until(() -> watcherLog.messages().stream().anyMatch(m -> m.contains("semaphore.url")));
      replace(file, config("!ok").replace("\"pw\"", "PassSyntax222"));
      await()
          .atMost(Duration.ofSeconds(2))
          .until(() -> watcherLog.messages().stream().anyMatch(m -> m.contains("not valid JSON")));

      List<String> everything = new java.util.ArrayList<>(watcherLog.messages());
      everything.addAll(loaderLog.messages());
      assertThat(String.join("\n", everything))
          .doesNotContain("Pass-Semantic-111")
          .doesNotContain("PassSyntax222")
          .doesNotContain("tok\"");
      assertThat(watched.current().matrix().password().reveal()).isEqualTo("pw");
    }
  }
}
