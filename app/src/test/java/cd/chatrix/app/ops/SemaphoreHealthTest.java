package cd.chatrix.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.semaphore.RequestListener.Outcome;
import cd.chatrix.semaphore.RequestListener.Request;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SemaphoreHealthTest {
  private final SemaphoreHealth health = new SemaphoreHealth(Duration.ofMinutes(1));

  private void answer(int status, Outcome outcome) {
    health.requestDone(new Request("GET", "/projects", status, outcome, Duration.ofMillis(3)));
  }

  private CheckResult result() {
    assertThat(health.check()).hasSize(1);
    return health.check().getFirst();
  }

  @Test
  void notReadyBeforeSemaphoreAnsweredOnce() {
    assertThat(result().ok()).isFalse();
    answer(200, Outcome.OK);
    assertThat(result().ok()).isTrue();
    assertThat(result().name()).isEqualTo("semaphore");
  }

  @Test
  void aServerFailureMakesItUnreadyUntilTheNextWorkingAnswer() {
    answer(200, Outcome.OK);

    answer(500, Outcome.SERVER_ERROR);
    assertThat(result().ok()).isFalse();
    assertThat(result().reason()).contains("HTTP 500").contains("GET /projects");

    answer(0, Outcome.UNREACHABLE);
    assertThat(result().reason()).contains("cannot be reached");

    answer(200, Outcome.OK);
    assertThat(result().ok()).isTrue();
  }

  @Test
  void aRefusalOfOneRequestIsNotAnOutageButARefusedTokenIs() {
    answer(200, Outcome.OK);
    answer(404, Outcome.CLIENT_ERROR);
    assertThat(result().ok()).isTrue();

    answer(401, Outcome.UNAUTHORIZED);
    assertThat(result().ok()).isFalse();
    assertThat(result().reason()).contains("token").doesNotContain("Bearer");
  }

  @Test
  void whatAProxyAnswersInSemaphoresPlaceIsNamed() {
    answer(429, Outcome.SERVER_ERROR);
    assertThat(result().reason()).contains("HTTP 429").contains("limiting");
    answer(404, Outcome.SERVER_ERROR);
    assertThat(result().reason()).contains("no API at GET /projects");
    answer(200, Outcome.SERVER_ERROR);
    assertThat(result().ok()).isFalse();
    assertThat(result().reason()).contains("not its API's JSON");
  }
}
