package cd.chatrix.semaphore;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The outage log on a clock the test moves: what it says, and what it keeps to itself. */
class OutagesTest {
  private static final String INFO = "/info";

  private final AtomicLong now = new AtomicLong();
  private final Outages outages = new Outages("http://semaphore.example", now::get);
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(Outages.class);

  @BeforeEach
  void listen() {
    logger.setLevel(Level.INFO);
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void stop() {
    logger.detachAppender(logs);
    logger.setLevel(null);
  }

  private List<String> said(Level level) {
    return logs.list.stream()
        .filter(e -> e.getLevel() == level)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  private static Outages.Problem timeout() {
    return Diagnosis.timeout("GET /api/info", Duration.ofSeconds(1));
  }

  private void at(long millis) {
    now.set(Duration.ofMillis(millis).toNanos());
  }

  private static long sent(long millis) {
    return Duration.ofMillis(millis).toNanos();
  }

  @Test
  void aRequestHeldThroughTheOutageThatGivesUpAfterTheServerIsBackSaysNothingNew() {
    at(1_100);
    outages.failed(INFO, timeout(), sent(100)); // the outage: said once
    at(1_600);
    outages.answered(INFO, "GET /api/info"); // back: said once
    at(2_200);
    outages.failed(INFO, timeout(), sent(1_200)); // sent during the outage, timed out after it

    assertThat(said(Level.WARN)).hasSize(1);
    assertThat(said(Level.INFO)).singleElement().asString().contains("answers again");
    assertThat(outages.down()).isFalse();
  }

  @Test
  void aRequestSentAfterTheServerCameBackThatFailsIsANewOutage() {
    at(1_100);
    outages.failed(INFO, timeout(), sent(100));
    at(1_600);
    outages.answered(INFO, "GET /api/info");
    at(3_000);
    outages.failed(INFO, timeout(), sent(2_000));

    assertThat(said(Level.WARN)).hasSize(2);
    assertThat(outages.down()).isTrue();
  }

  @Test
  void anAnswerFromAnotherEndpointDoesNotMakeThisOnesFailureOld() {
    at(1_000);
    outages.answered("/projects", "GET /api/projects");
    at(1_500);
    outages.failed(INFO, timeout(), sent(500));

    assertThat(said(Level.WARN)).hasSize(1);
    assertThat(outages.down()).isTrue();
  }
}
