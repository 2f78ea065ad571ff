package cd.chatrix.bot.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnsiLineTest {
  @Test
  void coloursBecomeMatrixFontTags() {
    var r = new AnsiLine().render("\u001b[0;32mok: [web1]\u001b[0m done");
    assertThat(r.plain()).isEqualTo("ok: [web1] done");
    assertThat(r.html()).isEqualTo("<font data-mx-color=\"#4e9a06\">ok: [web1]</font> done");
  }

  @Test
  void boldAndColourCarryAcrossLinesButEachLineNests() {
    var a = new AnsiLine();
    var first = a.render("\u001b[1;31mfatal: x");
    var second = a.render("still red\u001b[0m");
    assertThat(first.html())
        .isEqualTo("<font data-mx-color=\"#cc0000\"><strong>fatal: x</strong></font>");
    assertThat(second.html())
        .isEqualTo("<font data-mx-color=\"#cc0000\"><strong>still red</strong></font>");
  }

  @Test
  void textIsEscaped() {
    assertThat(new AnsiLine().render("<b>&\"").html()).isEqualTo("&lt;b&gt;&amp;&quot;");
  }

  @Test
  void carriageReturnKeepsTheLastRedraw() {
    assertThat(AnsiLine.strip("10%\r50%\r100%\r")).isEqualTo("100%");
    assertThat(new AnsiLine().render("10%\r100%").plain()).isEqualTo("100%");
  }

  @Test
  void otherEscapesAreDropped() {
    assertThat(AnsiLine.strip("\u001b[2K\u001b[1Gtext\u001b]0;title\u0007")).isEqualTo("text");
  }
}
