package cd.chatrix.app.boot.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The wait loop on its own: what it logs, when it gives up, and how it hears a stop. */
class ServerWaitTest {
  private static final Pace QUICK = new Pace(Duration.ofMillis(1), Duration.ofMillis(4));

  /** A failure that carries the verdict a classifier should give it. */
  private static final class Scripted extends RuntimeException {
    final Verdict verdict;

    Scripted(Verdict verdict) {
      super("scripted: " + verdict);
      this.verdict = verdict;
    }
  }

  private final List<String> statuses = new CopyOnWriteArrayList<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(ServerWait.class);

  @BeforeEach
  void captureLog() {
    logger.setLevel(Level.ALL);
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void releaseLog() {
    logger.detachAppender(logged);
    logged.stop();
  }

  private ServerWait waitFor() {
    return new ServerWait(
        "the homeserver at hs.example:8448",
        failure -> ((Scripted) failure).verdict,
        stop::get,
        statuses::add,
        QUICK);
  }

  private List<String> lines(Level level) {
    return logged.list.stream()
        .filter(e -> e.getLevel() == level)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  @Test
  void oneWarningPerCauseNotPerAttemptAndOneInfoWhenItAnswers() throws Exception {
    Deque<Verdict> script =
        new ArrayDeque<>(
            List.of(
                new Verdict.Wait("connection refused", "POST /login: ConnectException"),
                new Verdict.Wait("connection refused", "POST /login: ConnectException"),
                new Verdict.Wait("connection refused", "POST /login: ConnectException"),
                new Verdict.Wait("it answered HTTP 502", "POST /login failed: HTTP 502"),
                new Verdict.Wait("it answered HTTP 502", "POST /login failed: HTTP 502")));

    String result =
        waitFor()
            .until(() -> {
              if (script.isEmpty()) {
                return "logged in";
              }
              throw new Scripted(script.poll());
            });

    assertThat(result).isEqualTo("logged in");
    assertThat(lines(Level.WARN))
        .hasSize(2)
        .satisfiesExactly(
            first -> assertThat(first).contains("hs.example:8448").contains("connection refused"),
            second -> assertThat(second).contains("hs.example:8448").contains("HTTP 502"));
    assertThat(lines(Level.INFO)).singleElement().asString().contains("Reached the homeserver");
    assertThat(statuses)
        .hasSize(5)
        .last()
        .isEqualTo("waiting for the homeserver at hs.example:8448 (it answered HTTP 502)");
  }

  @Test
  void aServerThatAnswersAtOnceIsNotReportedAsReached() throws Exception {
    assertThat(waitFor().until(() -> 42)).isEqualTo(42);
    assertThat(logged.list).isEmpty();
    assertThat(statuses).isEmpty();
  }

  @Test
  void aRefusalEndsTheWaitAtTheFirstAttempt() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() ->
            waitFor()
                .until(() -> {
                  attempts.incrementAndGet();
                  throw new Scripted(new Verdict.Refuse("Fix matrix.password."));
                }))
        .isInstanceOf(StartupRefused.class)
        .hasMessage("Fix matrix.password.");
    assertThat(attempts).hasValue(1);
    assertThat(lines(Level.WARN)).isEmpty();
  }

  @Test
  void somethingUnexpectedFailsTheStart() {
    assertThatThrownBy(() ->
            waitFor()
                .until(() -> {
                  throw new Scripted(new Verdict.Fail("the store is read-only"));
                }))
        .isInstanceOf(StartupFailed.class)
        .hasMessage("the store is read-only");
  }

  @Test
  void aStopRequestEndsAnAttemptThatHangs() throws Exception {
    CountDownLatch attemptStarted = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    Thread.ofVirtual()
        .start(() -> {
          try {
            attemptStarted.await();
            stop.set(true);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });

    assertThatThrownBy(() ->
            waitFor()
                .until(() -> {
                  attemptStarted.countDown();
                  try {
                    new CountDownLatch(1).await(); // a connection that never answers
                  } catch (InterruptedException e) {
                    interrupted.countDown();
                  }
                  return "never";
                }))
        .isInstanceOf(StartupStopped.class);
    assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the attempt was interrupted").isTrue();
  }

  @Test
  void aStopRequestEndsThePauseBetweenAttempts() {
    ServerWait slow =
        new ServerWait(
            "the homeserver at hs.example:8448",
            failure -> ((Scripted) failure).verdict,
            stop::get,
            statuses::add,
            new Pace(Duration.ofHours(1), Duration.ofHours(1)));
    Thread.ofVirtual()
        .start(() -> {
          while (statuses.isEmpty()) {
            Thread.onSpinWait();
          }
          stop.set(true);
        });

    assertThatThrownBy(() ->
            slow.until(() -> {
              throw new Scripted(new Verdict.Wait("connection refused", "refused"));
            }))
        .isInstanceOf(StartupStopped.class);
  }
}
