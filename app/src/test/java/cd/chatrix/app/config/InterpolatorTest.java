package cd.chatrix.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class InterpolatorTest {

  private final Interpolator interpolator =
      new Interpolator(Map.of("A", "alpha", "EMPTY", "", "D", "$literal\\"));

  @Test
  void expandsReferencesFallbacksAndEscapes() {
    List<ConfigProblem> problems = new ArrayList<>();
    assertThat(interpolator.expand("x${A}y${A}", "k", problems)).isEqualTo("xalphayalpha");
    assertThat(interpolator.expand("${EMPTY:-fb}", "k", problems)).isEqualTo("fb");
    assertThat(interpolator.expand("${EMPTY}", "k", problems)).isEmpty();
    assertThat(interpolator.expand("${NOPE:-}", "k", problems)).isEmpty();
    assertThat(interpolator.expand("$${A} $A ${", "k", problems)).isEqualTo("${A} $A ${");
    assertThat(interpolator.expand("${D}", "k", problems)).isEqualTo("$literal\\");
    assertThat(problems).isEmpty();
  }

  @Test
  void reportsEachUnsetReferenceWithItsPathInsideListsToo() {
    JsonNode tree =
        LenientJson.MAPPER.readTree("{\"bot\": {\"admin_users\": [\"@a:x\", \"${WHO}\"]}}");
    List<ConfigProblem> problems = new ArrayList<>();
    interpolator.expandAll(tree, "", problems);
    assertThat(problems)
        .singleElement()
        .satisfies(p -> {
          assertThat(p.keyPath()).isEqualTo("bot.admin_users[1]");
          assertThat(p.message()).contains("WHO");
        });
  }
}
