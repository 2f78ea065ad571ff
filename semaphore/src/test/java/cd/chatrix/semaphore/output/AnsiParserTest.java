package cd.chatrix.semaphore.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnsiParserTest {

  @Test
  void colourAndResetMakeSeparateSpans() {
    List<StyledSpan> spans = new AnsiParser().feed("\u001b[0;32mok: [web1]\u001b[0m done");
    assertThat(spans).hasSize(2);
    assertThat(spans.get(0).text()).isEqualTo("ok: [web1]");
    assertThat(spans.get(0).foreground()).hasValue(new Color.Palette(2));
    assertThat(spans.get(1).text()).isEqualTo(" done");
    assertThat(spans.get(1).plain()).isTrue();
  }

  @Test
  void boldBrightExtendedAndTrueColour() {
    List<StyledSpan> spans =
        new AnsiParser().feed("\u001b[1;91mA\u001b[22;38;5;208mB\u001b[48;2;1;2;3mC\u001b[39;49mD");
    assertThat(spans.get(0))
        .satisfies(s -> {
          assertThat(s.bold()).isTrue();
          assertThat(s.foreground()).hasValue(new Color.Palette(9));
        });
    assertThat(spans.get(1).bold()).isFalse();
    assertThat(spans.get(1).foreground()).hasValue(new Color.Palette(208));
    assertThat(spans.get(2).background()).hasValue(new Color.Rgb(1, 2, 3));
    assertThat(spans.get(3).foreground()).isEqualTo(Optional.empty());
    assertThat(spans.get(3).background()).isEmpty();
    assertThat(new Color.Palette(9).hex()).isEqualTo("#ff0000");
    assertThat(new Color.Rgb(1, 2, 3).hex()).isEqualTo("#010203");
  }

  @Test
  void styleCarriesToTheNextLineUntilReset() {
    AnsiParser parser = new AnsiParser();
    parser.feed("\u001b[31mfailed");
    assertThat(parser.feed("still red").getFirst().foreground()).hasValue(new Color.Palette(1));
  }

  @Test
  void otherEscapesAndCarriageReturnsAreDropped() {
    assertThat(AnsiParser.strip("progress 10%\rprogress 100%\u001b[K")).isEqualTo("progress 100%");
    assertThat(AnsiParser.strip("\u001b]0;title\u0007text\r\n")).isEqualTo("text");
    assertThat(AnsiParser.strip("plain")).isEqualTo("plain");
  }
}
