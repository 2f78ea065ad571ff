package cd.chatrix.app.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.Test;

class ConsoleLogBufferTest {

  private static Logger logger(ConsoleLogBuffer buffer) {
    LoggerContext context = new LoggerContext();
    buffer.setContext(context);
    buffer.start();
    Logger logger = context.getLogger("cd.chatrix.bot.Bot");
    logger.setLevel(Level.DEBUG);
    logger.setAdditive(false);
    logger.addAppender(buffer);
    return logger;
  }

  @Test
  void keepsTheNewestLinesUpToItsCapacity() {
    ConsoleLogBuffer buffer = new ConsoleLogBuffer(3, s -> s);
    Logger log = logger(buffer);
    for (int i = 1; i <= 5; i++) {
      log.info("line {}", i);
    }
    assertThat(buffer.lines())
        .extracting(LogLine::message)
        .containsExactly("line 3", "line 4", "line 5");
    assertThat(buffer.lines().getFirst().level()).isEqualTo("INFO");
    assertThat(buffer.lines().getFirst().logger()).isEqualTo("Bot");
  }

  @Test
  void redactsBeforeStoringAndKeepsTheException() {
    ConsoleLogBuffer buffer = new ConsoleLogBuffer(10, s -> s.replace("hunter2", "***"));
    Logger log = logger(buffer);
    log.warn("login with hunter2 failed", new IllegalStateException("bad hunter2"));
    LogLine line = buffer.lines().getFirst();
    assertThat(line.message())
        .doesNotContain("hunter2")
        .contains("login with *** failed")
        .contains("IllegalStateException");
    assertThat(line.level()).isEqualTo("WARN");
  }

  @Test
  void refusesAUselessCapacity() {
    assertThatThrownBy(() -> new ConsoleLogBuffer(0, s -> s))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
