package cd.chatrix.bot.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenizerTest {
  @Test
  void splitsOnWhitespace() {
    assertThat(Tokenizer.split("  run  1\t5 ")).containsExactly("run", "1", "5");
  }

  @Test
  void quotesInsideAWordStayOneWord() {
    assertThat(Tokenizer.split("--args='-e \"x=1 y=2\"' web"))
        .containsExactly("--args=-e \"x=1 y=2\"", "web");
  }

  @Test
  void doubleQuotesAllowEscapes() {
    assertThat(Tokenizer.split("--message \"say \\\"hi\\\" now\""))
        .containsExactly("--message", "say \"hi\" now");
  }

  @Test
  void backslashEscapesOutsideQuotes() {
    assertThat(Tokenizer.split("a\\ b c")).containsExactly("a b", "c");
  }

  @Test
  void emptyQuotesGiveAnEmptyWord() {
    assertThat(Tokenizer.split("x '' y")).containsExactly("x", "", "y");
  }

  @Test
  void unclosedQuoteIsAnError() {
    assertThatThrownBy(() -> Tokenizer.split("run 'oops"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("closing '");
    assertThatThrownBy(() -> Tokenizer.split("run \"oops")).isInstanceOf(UsageException.class);
  }
}
