package cd.chatrix.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSecretsTest {
  @Test
  void findsEverySecretWhereverItSits() {
    String json =
        """
        {
          "matrix": {"homeserver": "https://m.example.org", "user_id": "@b:example.org",
                     "password": "pw-matrix-1234", "pickle_key": "pickle-key-5678"},
          "semaphore": {"url": "https://s.example.org", "api_token": "token-semaphore-9012"},
          "http": {"webhook_secret": "hook-secret-3456"}
        }
        """;
    LoadResult result =
        new ConfigLoader(Map.of(), Path.of("."))
            .loadText(json, Path.of("config.json"), ConfigOverrides.none());
    ChatrixConfig config = ((LoadResult.Loaded) result).config();

    assertThat(ConfigSecrets.of(config))
        .contains("pw-matrix-1234", "pickle-key-5678", "token-semaphore-9012", "hook-secret-3456")
        .doesNotContain("@b:example.org", "https://m.example.org");
  }

  @Test
  void aConfigWithoutSecretsHasNone() {
    assertThat(ConfigSecrets.of(ChatrixConfig.defaults())).isEmpty();
  }
}
