package cd.chatrix.bot.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogFormatterTest {
  @Test
  void tailKeepsTheNewestLinesWithinBudget() {
    var lines = new ArrayList<String>();
    for (int i = 0; i < 1000; i++) {
      lines.add("line " + i);
    }
    var log = LogFormatter.tail(lines, 2000);
    assertThat(log.truncated()).isTrue();
    assertThat(log.plain()).endsWith("line 999\n").doesNotContain("line 0\n");
    assertThat(LogFormatter.wireBytes(log.plain()) + LogFormatter.wireBytes(log.html()))
        .isLessThanOrEqualTo(2000);
  }

  @Test
  void headTakesTheOldestAndAtLeastOneLine() {
    var log = LogFormatter.head(List.of("a".repeat(100), "b"), 10);
    assertThat(log.shown()).isEqualTo(1);
    assertThat(LogFormatter.head(List.of("a", "b", "c"), 10_000).shown()).isEqualTo(3);
  }

  @Test
  void overlongLinesAreCut() {
    var lines = LogFormatter.lines(List.of("x".repeat(10_000) + "\nnext"));
    assertThat(lines).hasSize(2);
    assertThat(lines.getFirst()).hasSizeLessThan(4100).endsWith("(cut)");
  }

  @Test
  void wireBytesCountsJsonEscapesAndUtf8() {
    assertThat(LogFormatter.wireBytes("a\"\n")).isEqualTo(5);
    assertThat(LogFormatter.wireBytes("é")).isEqualTo(2);
    assertThat(LogFormatter.wireBytes("\u0001")).isEqualTo(6);
  }

  @Test
  void plainTextStripsAnsi() {
    assertThat(LogFormatter.plainText(List.of("\u001b[31mred\u001b[0m"))).isEqualTo("red\n");
  }
}
