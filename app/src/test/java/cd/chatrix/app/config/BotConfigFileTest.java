package cd.chatrix.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.TestServers;
import cd.chatrix.testkit.bot.BotConfigFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The testkit's {@link BotConfigFile} writes what the bot's own loader reads back as meant: the
 * process tests and benches start the bot from it, so a key it misspells would quietly test a
 * default instead.
 */
class BotConfigFileTest {
  @TempDir Path dir;

  @RegisterExtension final TestServers servers = new TestServers();

  private ChatrixConfig load(Path file) {
    LoadResult result = new ConfigLoader(Map.of(), dir).load(file, ConfigOverrides.none());
    assertThat(result).as("%s", result).isInstanceOf(LoadResult.Loaded.class);
    return ((LoadResult.Loaded) result).config();
  }

  @Test
  void theDefaultsPointTheBotAtTheTestServersWithItsFilesInItsFolder() {
    BotConfigFile file = servers.newBot("fixture-password-1", dir);

    ChatrixConfig config = load(file.writeTo("config.json"));

    assertThat(file.botUserId()).startsWith("@chatrixcd:");
    assertThat(config.matrix().homeserver()).isEqualTo(servers.homeserver().baseUri().toString());
    assertThat(config.matrix().userId()).isEqualTo(file.botUserId());
    assertThat(config.matrix().password().reveal()).isEqualTo("fixture-password-1");
    assertThat(config.matrix().storePath()).isEqualTo(dir.resolve("store"));
    assertThat(config.semaphore().url()).isEqualTo(servers.semaphore().baseUri().toString());
    assertThat(config.semaphore().apiToken().reveal()).isEqualTo(servers.semaphore().adminToken());
    assertThat(config.bot().logFile()).isEqualTo(dir.resolve("chatrixcd.log"));
    assertThat(config.bot().greetingsEnabled()).isTrue();
    assertThat(config.http().enabled()).isFalse();
    assertThat(config.store().type()).isEqualTo(StoreConfig.Type.SQLITE);
  }

  @Test
  void eachSettingReachesTheKeyTheBotReads() {
    BotConfigFile file =
        servers
            .newBot("fixture-password-2", dir)
            .greetingRooms("!a:localhost", "!b:localhost")
            .noGreetings()
            .unthrottled()
            .admins("@ops:localhost")
            .opsPort(48123)
            .pickleKey("fixture-pickle-key")
            .postgres("jdbc:postgresql://127.0.0.1:5999/fixture", "chatrix")
            .shortLease()
            .defaultLogFile();

    ChatrixConfig config = load(file.writeTo("replica.json"));

    assertThat(config.bot().greetingRooms()).containsExactly("!a:localhost", "!b:localhost");
    assertThat(config.bot().greetingsEnabled()).isFalse();
    assertThat(config.bot().rateLimitPerMinute()).isZero();
    assertThat(config.bot().adminUsers()).containsExactly("@ops:localhost");
    assertThat(file.json().path("bot").has("log_file")).isFalse();
    assertThat(config.bot().logFile())
        .as("the loader's default")
        .isEqualTo(dir.resolve("chatrixcd.log"));
    assertThat(config.http().enabled()).isTrue();
    assertThat(config.http().bind()).isEqualTo("127.0.0.1");
    assertThat(config.http().port()).isEqualTo(48123);
    assertThat(config.matrix().pickleKey().reveal()).isEqualTo("fixture-pickle-key");
    assertThat(config.store().type()).isEqualTo(StoreConfig.Type.POSTGRESQL);
    assertThat(config.store().url()).isEqualTo("jdbc:postgresql://127.0.0.1:5999/fixture");
    assertThat(config.store().user()).isEqualTo("chatrix");
    assertThat(config.store().lease())
        .isEqualTo(
            new StoreConfig.Lease(
                Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1)));
  }
}
