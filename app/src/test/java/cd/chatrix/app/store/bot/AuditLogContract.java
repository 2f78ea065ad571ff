package cd.chatrix.app.store.bot;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.bot.store.AuditEntry;
import cd.chatrix.bot.store.AuditLog;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuditLog} must do; run against the in-memory and the SQL one. Times here are
 * whole milliseconds: the shared audit table keeps no finer precision.
 */
abstract class AuditLogContract {
  static final Instant AT = Instant.parse("2026-11-22T03:00:00.123Z");

  abstract AuditLog log();

  static AuditEntry entry(int n) {
    return new AuditEntry(
        AT.plusSeconds(n),
        "@u" + n + ":x",
        "!r:x",
        "run",
        "detail " + n,
        Optional.of(100L + n),
        "ok");
  }

  @Test
  void roundTripsEveryField() {
    var withTask =
        new AuditEntry(AT, "@alice:x", "!room:x", "stop", "force ⚠", Optional.of(42L), "stopped");
    var withoutTask =
        new AuditEntry(
            AT.plusMillis(1), "@bob:x", "!room:x", "alias", "", Optional.empty(), "added");
    log().append(withTask);
    log().append(withoutTask);

    assertThat(log().recent(10)).containsExactly(withoutTask, withTask);
  }

  @Test
  void recentIsNewestFirstAndLimited() {
    for (int i = 0; i < 5; i++) {
      log().append(entry(i));
    }

    assertThat(log().recent(3)).containsExactly(entry(4), entry(3), entry(2));
    assertThat(log().recent(100)).hasSize(5);
    assertThat(log().recent(0)).isEmpty();
  }

  @Test
  void orderIsAppendOrderEvenWhenClocksGoBackwards() {
    var later = entry(9);
    var earlier = entry(1);
    log().append(later);
    log().append(earlier);

    assertThat(log().recent(2)).containsExactly(earlier, later);
  }
}
