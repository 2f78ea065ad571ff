package cd.chatrix.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ConfigRendererTest {

  private static final String TEXT =
      """
      {
        "matrix": {"homeserver": "https://hs.example.org", "user_id": "@bot:example.org",
                   "password": "SECRET-PASSWORD-1", "pickle_key": "SECRET-PICKLE-2",
                   "access_token": "SECRET-TOKEN-3"},
        "semaphore": {"url": "https://10.1.2.3:3000", "api_token": "SECRET-API-4"},
        "bot": {"admin_users": ["@alice:example.org"], "allowed_rooms": ["!room:example.org"],
                "policy": {"roles": {"@carol:example.org": "operator"}}},
        "http": {"webhook_secret": "SECRET-HOOK-5"}
      }
      """;

  private static ChatrixConfig config() {
    LoadResult result =
        new ConfigLoader(Map.of("MATRIX_OIDC_CLIENT_SECRET", "SECRET-OIDC-6"), Path.of("."))
            .loadText(TEXT, Path.of("config.json"), ConfigOverrides.none());
    return ((LoadResult.Loaded) result).config();
  }

  @Test
  void everySecretIsMaskedAndTheRestIsShown() {
    String rendered = ConfigRenderer.render(config(), false);

    assertThat(rendered).doesNotContain("SECRET-");
    JsonNode tree = LenientJson.MAPPER.readTree(rendered);
    assertThat(tree.at("/matrix/password").stringValue()).isEqualTo("***");
    assertThat(tree.at("/matrix/oidc_client_secret").stringValue()).isEqualTo("***");
    assertThat(tree.at("/matrix/login_token").stringValue()).isEmpty();
    assertThat(tree.at("/matrix/user_id").stringValue()).isEqualTo("@bot:example.org");
    assertThat(tree.at("/bot/confirmation_timeout").intValue()).isEqualTo(300);
    assertThat(tree.at("/_config_version").intValue()).isEqualTo(ChatrixConfig.CURRENT_VERSION);
  }

  @Test
  void identityRedactionMasksUsersRoomsHostsAndAddresses() {
    String rendered = ConfigRenderer.render(config(), true);

    assertThat(rendered)
        .doesNotContain("example.org")
        .doesNotContain("alice")
        .doesNotContain("carol")
        .doesNotContain("10.1.2.3")
        .doesNotContain("SECRET-");
    JsonNode tree = LenientJson.MAPPER.readTree(rendered);
    assertThat(tree.at("/matrix/user_id").stringValue()).isEqualTo("@***:***");
    assertThat(tree.at("/bot/allowed_rooms/0").stringValue()).isEqualTo("!***:***");
    assertThat(tree.at("/matrix/homeserver").stringValue()).isEqualTo("https://***");
    assertThat(tree.at("/semaphore/url").stringValue()).isEqualTo("https://***:3000");
    assertThat(tree.at("/bot/command_prefix").stringValue()).isEqualTo("!cd");
  }

  @Test
  void theRenderedConfigLoadsBackToTheSameNonSecretValues() {
    ChatrixConfig original = config();
    String rendered = ConfigRenderer.render(original, false).replace("\"***\"", "\"x\"");
    LoadResult again =
        new ConfigLoader(Map.of(), Path.of("."))
            .loadText(rendered, Path.of("c.json"), ConfigOverrides.none());
    assertThat(again).isInstanceOf(LoadResult.Loaded.class);
    ChatrixConfig copy = ((LoadResult.Loaded) again).config();
    assertThat(copy.bot()).isEqualTo(original.bot());
    assertThat(copy.semaphore().url()).isEqualTo(original.semaphore().url());
    assertThat(((LoadResult.Loaded) again).warnings()).isEmpty();
  }
}
