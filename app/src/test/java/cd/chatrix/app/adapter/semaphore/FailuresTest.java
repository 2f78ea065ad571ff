package cd.chatrix.app.adapter.semaphore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.bot.port.PortException;
import cd.chatrix.semaphore.SemaphoreException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailuresTest {
  private final Failures failures = new Failures(() -> List.of("s3cr3t-token", "pw"));

  @Test
  void scrubsTokensBearerHeadersAndUrlCredentials() {
    String out =
        failures.scrub(
            "Cannot reach https://bot:pass@sem.example.org/api with s3cr3t-token"
                + " (Authorization: Bearer abc.def)");

    assertThat(out)
        .doesNotContain("s3cr3t-token", "bot:pass", "abc.def")
        .contains("https://sem.example.org/api");
  }

  @Test
  void keepsTheClientMessageAndCause() {
    var cause = new SemaphoreException.NotFound("Semaphore has no task 9 of project 1.");

    assertThatThrownBy(() ->
            failures.call(
                "reading a task",
                () -> {
                  throw cause;
                }))
        .isInstanceOf(PortException.class)
        .hasMessage("Semaphore has no task 9 of project 1.")
        .hasCause(cause);
  }

  @Test
  void unexpectedFailuresGetAReadableText() {
    assertThatThrownBy(() ->
            failures.run(
                "listing projects",
                () -> {
                  throw new IllegalStateException("x");
                }))
        .isInstanceOf(PortException.class)
        .hasMessageContaining("listing projects")
        .hasMessageContaining("URL");
  }
}
