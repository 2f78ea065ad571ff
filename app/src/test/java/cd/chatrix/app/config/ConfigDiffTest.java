package cd.chatrix.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigDiffTest {

  @Test
  void listsChangedKeysIncludingSecretsByNameOnly() {
    ChatrixConfig before = ChatrixConfig.defaults();
    MatrixConfig m = before.matrix();
    ChatrixConfig after =
        new ConfigOverrides(
                List.of("@a:x.org"), List.of(), false, false, false, false, Optional.empty())
            .applyTo(before)
            .withMatrix(
                new MatrixConfig(
                    m.homeserver(),
                    m.userId(),
                    m.deviceId(),
                    m.deviceName(),
                    m.authType(),
                    Secret.of("new-password"),
                    m.accessToken(),
                    m.loginToken(),
                    m.oidcIssuer(),
                    m.oidcClientId(),
                    m.oidcClientSecret(),
                    m.oidcScopes(),
                    m.oidcRedirectUrl(),
                    m.storePath(),
                    m.e2ee(),
                    m.trustPolicy(),
                    m.pickleKey()));

    assertThat(ConfigDiff.changedKeys(before, after))
        .containsExactlyInAnyOrder("bot.admin_users", "matrix.password")
        .allSatisfy(k -> assertThat(k).doesNotContain("new-password"));
    assertThat(ConfigDiff.changedKeys(after, after)).isEmpty();
    assertThat(ConfigDiff.needsRestart("matrix.password")).isTrue();
    assertThat(ConfigDiff.needsRestart("bot.admin_users")).isFalse();
  }

  @Test
  void policyMapsAreReportedAsOneKey() {
    String text =
        "{\"matrix\": {\"user_id\": \"@b:x.org\", \"password\": \"p\"},"
            + " \"semaphore\": {\"url\": \"https://s.x.org\", \"api_token\": \"t\"},"
            + " \"bot\": {\"policy\": {\"roles\": {\"@c:x.org\": \"%s\"}}}}";
    ConfigLoader loader = new ConfigLoader(Map.of(), Path.of("."));
    ChatrixConfig a =
        ((LoadResult.Loaded)
                loader.loadText(text.formatted("admin"), Path.of("c.json"), ConfigOverrides.none()))
            .config();
    ChatrixConfig b =
        ((LoadResult.Loaded)
                loader.loadText(
                    text.formatted("viewer"), Path.of("c.json"), ConfigOverrides.none()))
            .config();
    assertThat(ConfigDiff.changedKeys(a, b)).containsExactly("bot.policy.roles");
  }
}
