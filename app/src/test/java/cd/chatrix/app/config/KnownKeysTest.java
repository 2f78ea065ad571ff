package cd.chatrix.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KnownKeysTest {

  private List<ConfigProblem> check(String json) {
    return new KnownKeys().check(LenientJson.MAPPER.readTree(json));
  }

  @Test
  void acceptsEveryRenderedKeyAndSecretFileKeys() {
    String everything = ConfigRenderer.render(ChatrixConfig.defaults(), false);
    assertThat(check(everything)).isEmpty();
    assertThat(
            check(
                "{\"matrix\": {\"password_file\": \"/run/secrets/pw\"},"
                    + " \"http\": {\"webhook_secret_file\": \"x\"}}"))
        .isEmpty();
  }

  @Test
  void explainsLegacyAndMisspelledKeys() {
    List<ConfigProblem> warnings =
        check(
            """
            {"plugins": {"semaphore_webhook": {"enabled": true}, "aliases": {"auto_reload": true},
                         "semaphore_pol": {}},
             "bot": {"load_plugins": false, "tui_mode": "classic",
                     "policy": {"roles": {"@any:x.org": "admin"},
                                "rooms": {"!r:x.org": {"project": ["1"]}}}},
             "matrix": {"passwrod_file": "x"}}
            """);
    assertThat(warnings)
        .extracting(ConfigProblem::keyPath)
        .containsExactlyInAnyOrder(
            "plugins.semaphore_webhook",
            "plugins.semaphore_pol",
            "bot.load_plugins",
            "bot.policy.rooms.!r:x.org.project",
            "matrix.passwrod_file");
    assertThat(warnings)
        .filteredOn(w -> w.keyPath().equals("plugins.semaphore_pol"))
        .singleElement()
        .satisfies(w -> assertThat(w.hint()).contains("semaphore_poll"));
    assertThat(warnings)
        .filteredOn(w -> w.keyPath().equals("matrix.passwrod_file"))
        .singleElement()
        .satisfies(w -> assertThat(w.hint()).contains("password_file"));
    assertThat(warnings)
        .filteredOn(w -> w.keyPath().endsWith(".project"))
        .singleElement()
        .satisfies(w -> assertThat(w.hint()).contains("projects"));
  }
}
