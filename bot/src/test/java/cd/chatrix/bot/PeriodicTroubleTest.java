package cd.chatrix.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A store outage fails the periodic work every tick: one warning for it, one line when over. */
class PeriodicTroubleTest {
  private final Logger logger = Logger.getLogger(Bot.class.getName());
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          records.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private boolean parentHandlers;

  @BeforeEach
  void listen() {
    parentHandlers = logger.getUseParentHandlers();
    logger.setUseParentHandlers(false);
    logger.addHandler(handler);
  }

  @AfterEach
  void stopListening() {
    logger.removeHandler(handler);
    logger.setUseParentHandlers(parentHandlers);
  }

  @Test
  void roundsThatKeepFailingAreOneWarningAndOneLineWhenTheWorkGoesThroughAgain() {
    PeriodicTrouble trouble = new PeriodicTrouble();
    for (int round = 0; round < 5; round++) {
      trouble.failed("Expiring confirmations", new IllegalStateException("store unreachable"));
      trouble.failed("Running reminders", new IllegalStateException("store unreachable"));
      trouble.roundDone();
    }
    trouble.roundDone();
    trouble.roundDone();

    assertThat(lines(Level.WARNING))
        .containsExactly(
            "Expiring confirmations failed (store unreachable). The bot tries its periodic work"
                + " again every tick, and says so here once it works again.");
    assertThat(lines(Level.INFO))
        .containsExactly("The bot's periodic work goes through again after 5 failed rounds");
  }

  @Test
  void aNewOutageAfterARecoveryIsSaidAgain() {
    PeriodicTrouble trouble = new PeriodicTrouble();
    trouble.failed("Streaming output", new IllegalStateException("first"));
    trouble.roundDone();
    trouble.roundDone();
    trouble.failed("Streaming output", new IllegalStateException("second"));
    trouble.roundDone();

    assertThat(lines(Level.WARNING)).hasSize(2);
    assertThat(lines(Level.WARNING).get(1)).startsWith("Streaming output failed (second)");
    assertThat(lines(Level.INFO))
        .containsExactly("The bot's periodic work goes through again after 1 failed round");
  }

  @Test
  void aStepThatThrowsIsNotedAndTheNextStepStillRuns() {
    PeriodicTrouble trouble = new PeriodicTrouble();
    List<String> ran = new CopyOnWriteArrayList<>();
    trouble.attempt(
        "Expiring confirmations",
        () -> {
          throw new IllegalStateException("store unreachable");
        });
    trouble.attempt("Streaming output", () -> ran.add("Streaming output"));
    trouble.roundDone();
    trouble.attempt("Streaming output", () -> ran.add("Streaming output"));
    trouble.roundDone();

    assertThat(ran).containsExactly("Streaming output", "Streaming output");
    assertThat(lines(Level.WARNING))
        .singleElement()
        .asString()
        .startsWith("Expiring confirmations failed (store unreachable)");
    assertThat(lines(Level.INFO))
        .containsExactly("The bot's periodic work goes through again after 1 failed round");
  }

  private List<String> lines(Level level) {
    SimpleFormatter format = new SimpleFormatter();
    return records.stream()
        .filter(r -> r.getLevel().equals(level))
        .map(format::formatMessage)
        .toList();
  }
}
