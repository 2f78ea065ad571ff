package cd.chatrix.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class EnvironmentLayerTest {

  @Test
  void mapsTheOriginalsVariablesAndIgnoresOthers() {
    ObjectNode tree =
        EnvironmentLayer.tree(
            Map.of(
                "MATRIX_STORE_PATH", "/data/store",
                "BOT_GREETING_ROOMS", "!a:x.org,,!b:x.org ",
                "BOT_GREETINGS_ENABLED", "Yes",
                "MATRIX_OIDC_CLIENT_SECRET", "",
                "PATH", "/usr/bin"));
    assertThat(tree.at("/matrix/store_path").stringValue()).isEqualTo("/data/store");
    assertThat(tree.at("/bot/greeting_rooms").size()).isEqualTo(2);
    assertThat(tree.at("/bot/greetings_enabled").booleanValue()).isTrue();
    assertThat(tree.at("/matrix").has("oidc_client_secret")).isFalse();
    assertThat(tree.propertyNames()).containsExactlyInAnyOrder("matrix", "bot");
    // The original's twenty, and the store section's five.
    assertThat(EnvironmentLayer.VARIABLES).hasSize(25);
    assertThat(EnvironmentLayer.variableFor("store.password")).isEqualTo("STORE_PASSWORD");
    assertThat(EnvironmentLayer.variableFor("semaphore.api_token"))
        .isEqualTo("SEMAPHORE_API_TOKEN");
  }
}
