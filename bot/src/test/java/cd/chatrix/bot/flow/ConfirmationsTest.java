package cd.chatrix.bot.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfirmationsTest {
  @Test
  void answersAreNormalised() {
    assertThat(Confirmations.YES).contains(Confirmations.normalise(" Yes! "));
    assertThat(Confirmations.YES).contains(Confirmations.normalise("👍\uFE0F"));
    assertThat(Confirmations.YES).contains(Confirmations.normalise("👍🏽"));
    assertThat(Confirmations.NO).contains(Confirmations.normalise("NOPE."));
    assertThat(Confirmations.normalise("  OK!.! ")).isEqualTo("ok");
    assertThat(Confirmations.normalise("y.e.s")).isEqualTo("y.e.s");
    assertThat(Confirmations.YES)
        .doesNotContain(Confirmations.normalise("yes please run it later"));
    assertThat(Confirmations.NO).doesNotContain(Confirmations.normalise("!cd stop"));
  }
}
