package cd.chatrix.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigValidatorTest {

  @TempDir Path dir;

  private LoadResult load(String json) {
    return new ConfigLoader(Map.of(), dir)
        .loadText(json, dir.resolve("config.json"), ConfigOverrides.none());
  }

  private static final String BASE_MATRIX =
      "\"matrix\": {\"homeserver\": \"https://hs.x.org\", \"user_id\": \"@b:x.org\","
          + " \"password\": \"p\"}";

  @Test
  void semaphoreNeedsATokenOrACompleteLoginAndReadableCertificates() {
    LoadResult result =
        load(
            "{"
                + BASE_MATRIX
                + ", \"semaphore\": {\"url\": \"ftp://s.x.org\","
                + " \"username\": \"admin\", \"ssl_client_key\": \""
                + dir.resolve("none.key")
                + "\"}}");
    assertThat(((LoadResult.Invalid) result).problems())
        .extracting(ConfigProblem::keyPath)
        .containsExactlyInAnyOrder(
            "semaphore.url", "semaphore.password", "semaphore.ssl_client_key");

    LoadResult login =
        load(
            "{"
                + BASE_MATRIX
                + ", \"semaphore\": {\"url\": \"http://s.x.org\","
                + " \"username\": \"admin\", \"password\": \"pw\"}}");
    assertThat(login).isInstanceOf(LoadResult.Loaded.class);
  }

  @Test
  void identityProviderMustUseHttpsExceptOnLoopbackAndUrlCredentialsAreNotEchoed() {
    LoadResult result =
        load(
            """
            {"matrix": {"homeserver": "https://user:hunter2@hs x.org", "auth_type": "sso",
                        "oidc_issuer": "http://idp.x.org"},
             "semaphore": {"url": "https://s.x.org", "api_token": "t"}}
            """);
    List<ConfigProblem> problems = ((LoadResult.Invalid) result).problems();
    assertThat(problems)
        .extracting(ConfigProblem::keyPath)
        .containsExactlyInAnyOrder("matrix.homeserver", "matrix.oidc_issuer");
    assertThat(problems.toString()).doesNotContain("hunter2");
    assertThat(ConfigValidator.isLoopback("localhost")).isTrue();
    assertThat(ConfigValidator.isLoopback("127.0.0.1")).isTrue();
    assertThat(ConfigValidator.isLoopback("[::1]")).isTrue();
    assertThat(ConfigValidator.isLoopback("idp.x.org")).isFalse();
  }

  @Test
  void warnsAboutPlainHttpHomeserversAndUnmatchableIds() {
    LoadResult result =
        load(
            """
            {"matrix": {"homeserver": "http://hs.x.org", "user_id": "@b:x.org", "password": "p"},
             "semaphore": {"url": "https://s.x.org", "api_token": "t", "ssl_verify": false},
             "bot": {"admin_users": ["alice"], "allowed_rooms": ["ops"],
                 "policy": {"roles": {"carol": "admin"}, "rooms": {"ops": {}}}},
             "http": {"enabled": true}}
            """);
    assertThat(((LoadResult.Loaded) result).warnings())
        .extracting(ConfigProblem::keyPath)
        .containsExactlyInAnyOrder(
            "matrix.homeserver",
            "semaphore.ssl_verify",
            "bot.admin_users[0]",
            "bot.policy.roles.carol",
            "bot.policy.rooms.ops",
            "bot.allowed_rooms[0]",
            "http.webhook_secret");
  }
}
