package cd.chatrix.app.boot;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.config.ChatrixConfig;
import cd.chatrix.app.config.ConfigLoader;
import cd.chatrix.app.config.ConfigOverrides;
import cd.chatrix.app.config.LoadResult;
import cd.chatrix.bot.text.MessageCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The greetings come from config.json unless messages.json says otherwise. */
class HotReloadTest {
  @TempDir Path dir;

  @Test
  void theConfiguredGreetingsAreWhatTheBotSays() throws IOException {
    var catalog = new MessageCatalog();
    catalog.replace(
        HotReload.catalogue(
            config("\"startup_message\": \"Morning, ops!\", \"shutdown_message\": \"Night!\""),
            Map.of("pet", List.of("Purr"))));

    assertThat(catalog.pick("startup")).isEqualTo("Morning, ops!");
    assertThat(catalog.pick("shutdown")).isEqualTo("Night!");
    assertThat(catalog.pick("pet")).isEqualTo("Purr");
  }

  @Test
  void messagesJsonWinsOverTheConfigAndAnEmptyCategoryThere() throws IOException {
    var catalog = new MessageCatalog();
    catalog.replace(
        HotReload.catalogue(
            config("\"startup_message\": \"From the config\""),
            Map.of("startup", List.of("From messages.json"), "shutdown", List.of())));

    assertThat(catalog.pick("startup")).isEqualTo("From messages.json");
    assertThat(catalog.pick("shutdown"))
        .isEqualTo(ChatrixConfig.defaults().bot().shutdownMessage());
  }

  @Test
  void anEmptyConfiguredGreetingIsSilence() throws IOException {
    var catalog = new MessageCatalog();
    catalog.replace(HotReload.catalogue(config("\"startup_message\": \"\""), Map.of()));

    assertThat(catalog.pick("startup")).isEmpty();
  }

  private ChatrixConfig config(String botKeys) throws IOException {
    Path file = dir.resolve("config.json");
    Files.writeString(
        file,
        """
        {
          "matrix": {"homeserver": "https://matrix.example.org", "user_id": "@bot:example.org",
                     "password": "pw"},
          "semaphore": {"url": "https://semaphore.example.org", "api_token": "token"},
          "bot": {%s}
        }
        """
            .formatted(botKeys));
    LoadResult result = new ConfigLoader(Map.of(), dir).load(file, ConfigOverrides.none());
    assertThat(result).isInstanceOf(LoadResult.Loaded.class);
    return ((LoadResult.Loaded) result).config();
  }
}
