package cd.chatrix.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ThrowableProxy;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ThrowableFormatterTest {
  @Test
  void writesCausesSuppressedAndCommonFramesLikeTheJdk() {
    IOException cause = new IOException("disk full at 10.0.0.9");
    RuntimeException top = new RuntimeException("save failed for @ann:example.org", cause);
    top.addSuppressed(new IllegalStateException("close failed"));

    String text = ThrowableFormatter.format(new ThrowableProxy(top), Redactor.of(true));

    assertThat(text)
        .startsWith("java.lang.RuntimeException: save failed for [USER_ID]\n\tat ")
        .contains("\n\tSuppressed: java.lang.IllegalStateException: close failed\n\t\tat ")
        .contains("\nCaused by: java.io.IOException: disk full at [IP]\n\tat ")
        .containsPattern("\n\t\\.\\.\\. \\d+ more\n")
        // Frames keep their class names even with -R: cd.chatrix.app... is not a host.
        .contains("at cd.chatrix.app.logging.ThrowableFormatterTest.");
  }

  @Test
  void cyclicCausesTerminate() {
    IllegalStateException a = new IllegalStateException("a");
    IllegalArgumentException b = new IllegalArgumentException("b", a);
    a.initCause(b);
    String text = ThrowableFormatter.format(new ThrowableProxy(a), Redactor.of(false));
    assertThat(text).contains("Caused by: java.lang.IllegalArgumentException: b");
    assertThat(text.lines().filter(l -> l.startsWith("java.lang.IllegalStateException")).count())
        .isEqualTo(1);
    assertThat(text.length()).isLessThan(20_000);
  }

  @Test
  void anExceptionWithoutMessageShowsItsClassOnly() {
    String text =
        ThrowableFormatter.format(
            new ThrowableProxy(new NullPointerException()), Redactor.of(false));
    assertThat(text).startsWith("java.lang.NullPointerException\n\tat ");
  }
}
