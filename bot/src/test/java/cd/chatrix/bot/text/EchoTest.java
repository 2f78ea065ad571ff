package cd.chatrix.bot.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EchoTest {
  @Test
  void shortTextIsKeptAsTyped() {
    assertThat(Echo.of("deploy-prod")).isEqualTo("deploy-prod");
    assertThat(Echo.of("<script>&")).isEqualTo("<script>&");
    assertThat(Echo.of("e\u0301 \ud83d\udc69\u200d\ud83d\udc67 \u05e2\u05d1"))
        .isEqualTo("e\u0301 \ud83d\udc69\u200d\ud83d\udc67 \u05e2\u05d1");
  }

  @Test
  void longTextIsCutToTheLimitWithAnEllipsis() {
    String cut = Echo.of("x".repeat(30_000));
    assertThat(cut).hasSize(Echo.SHORT).endsWith("x…");
    assertThat(Echo.of("y".repeat(1_000), 10)).isEqualTo("yyyyyyyyy…");
  }

  @Test
  void aCutNeverSplitsACharacterOrALetterFromItsAccent() {
    String emoji = "\ud83d\ude00".repeat(100);
    String cut = Echo.of(emoji, 10);
    assertThat(cut).isEqualTo("\ud83d\ude00".repeat(9) + "…");
    String accents = "e\u0301".repeat(100);
    assertThat(Echo.of(accents, 10)).isEqualTo("e\u0301".repeat(4) + "…");
  }

  @Test
  void controlCharactersShowAsTheirSymbols() {
    assertThat(Echo.of("a\u0000b\nc\u001b[31m\u007f")).isEqualTo("a\u2400b\u240ac\u241b[31m\u2421");
    assertThat(Echo.of("\u0085")).isEqualTo("\ufffd");
  }

  @Test
  void bidiControlsCannotReorderTheReply() {
    assertThat(Echo.of("\u202etxt.exe")).isEqualTo("\ufffdtxt.exe");
    assertThat(Echo.of("\u2066a\u2069")).isEqualTo("\ufffda\ufffd");
    // Marks only nudge neutral characters and stay.
    assertThat(Echo.of("\u200fa")).isEqualTo("\u200fa");
  }

  @Test
  void loneSurrogatesBecomeReplacementCharacters() {
    assertThat(Echo.of("a\ud800b\udc00")).isEqualTo("a\ufffdb\ufffd");
    assertThat(Echo.wellFormed("a\ud800")).isFalse();
    assertThat(Echo.wellFormed("\ud83d\ude00")).isTrue();
    assertThat(Echo.wellFormedCopy("\udc00\ud83d\ude00\ud800"))
        .isEqualTo("\ufffd\ud83d\ude00\ufffd");
  }
}
