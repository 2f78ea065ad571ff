package cd.chatrix.bot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BotTest {
  @Test
  void commandTextNeedsTheWholePrefixAsAWord() {
    assertThat(Bot.commandText("!cd", "!cd run 1")).contains("run 1");
    assertThat(Bot.commandText("!cd", "  !CD  help ")).contains("help");
    assertThat(Bot.commandText("!cd", "!cd")).contains("");
    assertThat(Bot.commandText("!cd", "!cdfoo")).isEmpty();
    assertThat(Bot.commandText("!cd", "!c")).isEmpty();
    assertThat(Bot.commandText("!cd", "hello !cd help")).isEmpty();
  }
}
