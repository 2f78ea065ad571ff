package cd.chatrix.bot.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplyFallbackTest {
  @Test
  void theQuotedLinesAndTheEmptyLineAfterThemGo() {
    assertThat(ReplyFallback.strip("> <@a:x> earlier text\n> more\n\n!cd status"))
        .isEqualTo("!cd status");
    assertThat(ReplyFallback.strip("> <@a:x> one\n> \n> three\n\nyes\nand more"))
        .isEqualTo("yes\nand more");
  }

  @Test
  void theQuoteEndsAtTheFirstLineWithoutThePrefix() {
    // The spec stops at the first line not starting with "> ", blank or not.
    assertThat(ReplyFallback.strip("> a\nb")).isEqualTo("b");
    assertThat(ReplyFallback.strip("> a\n\n\nb")).isEqualTo("\nb");
    assertThat(ReplyFallback.strip("> a\n>b\n\nc")).isEqualTo(">b\n\nc");
  }

  @Test
  void aBodyThatIsAllQuoteLeavesNothing() {
    assertThat(ReplyFallback.strip("> only a quote")).isEmpty();
    assertThat(ReplyFallback.strip("> a\n> b\n")).isEmpty();
  }

  @Test
  void bodiesWithoutTheFallbackPrefixStayAsTheyAre() {
    assertThat(ReplyFallback.strip("no quote")).isEqualTo("no quote");
    assertThat(ReplyFallback.strip(">no space\n\n!cd help")).isEqualTo(">no space\n\n!cd help");
    assertThat(ReplyFallback.strip("!cd run\n> not at the start"))
        .isEqualTo("!cd run\n> not at the start");
    assertThat(ReplyFallback.strip("\n!cd help")).isEqualTo("\n!cd help");
    assertThat(ReplyFallback.strip("")).isEmpty();
  }
}
