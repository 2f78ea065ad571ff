package cd.chatrix.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedactorTest {
  @AfterEach
  void forget() {
    SecretRegistry.clear();
  }

  @Test
  void secretsAreAlwaysRedactedIdentifiersOnlyOnRequest() {
    SecretRegistry.register("my-pickle-key-123");
    String line = "@bob:example.org used my-pickle-key-123 with Bearer abcdefgh1234 at 10.1.1.1";
    assertThat(Redactor.of(false).redact(line))
        .isEqualTo("@bob:example.org used [REDACTED] with Bearer [REDACTED] at 10.1.1.1");
    assertThat(Redactor.of(true).redact(line))
        .isEqualTo("[USER_ID] used [REDACTED] with Bearer [REDACTED] at [IP]");
    assertThat(Redactor.of(true).redactSecrets(line))
        .isEqualTo("@bob:example.org used [REDACTED] with Bearer [REDACTED] at 10.1.1.1");
    assertThat(Redactor.of(true).redactsIdentifiers()).isTrue();
  }

  @Test
  void aRegisteredSecretInsideAUrlIsRedactedBeforeTheHostRule() {
    SecretRegistry.register("hunter2hunter2");
    assertThat(Redactor.of(true).redact("https://bot:hunter2hunter2@semaphore.example.com/api"))
        .isEqualTo("https://bot:[REDACTED]@[HOST]/api");
  }

  @Test
  void nullAndEmptyBecomeEmpty() {
    assertThat(Redactor.of(true).redact(null)).isEmpty();
    assertThat(Redactor.of(false).redactSecrets("")).isEmpty();
  }

  @Test
  void colourMarksHighlightOnlyTheMarks() {
    assertThat(Redactor.colourMarks("a [REDACTED] b [HOST] c [not a mark]"))
        .isEqualTo("a \u001b[95m[REDACTED]\u001b[0m b \u001b[95m[HOST]\u001b[0m c [not a mark]");
  }
}
