package cd.chatrix.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small typed repositories; each test reopens the store once to prove the rows are durable. */
class RepositoriesTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path temp;
  Store store;

  @BeforeEach
  void open() {
    store = Store.open(temp);
  }

  @AfterEach
  void close() {
    store.close();
  }

  void reopen() {
    store.close();
    store = Store.open(temp);
  }

  @Test
  void processedEventsAreMarkedOnceAndPrunedByAge() {
    ProcessedEvents events = new ProcessedEvents(store);
    assertThat(events.markProcessed("!r:x", "$old", T0)).isTrue();
    assertThat(events.markProcessed("!r:x", "$old", T0)).isFalse();
    assertThat(events.markProcessed("!r:x", "$new", T0.plusSeconds(3600))).isTrue();
    reopen();
    events = new ProcessedEvents(store);
    assertThat(events.isProcessed("$old")).isTrue();
    assertThat(events.pruneOlderThan(T0.plusSeconds(60))).isEqualTo(1);
    assertThat(events.isProcessed("$old")).isFalse();
    assertThat(events.isProcessed("$new")).isTrue();
  }

  @Test
  void pendingConfirmationsAreClaimedAtMostOnce() {
    PendingConfirmations confirmations = new PendingConfirmations(store);
    var c =
        new PendingConfirmation(
            "$prompt", "!r:x", "@alice:x", "{\"template\":3}", T0, T0.plusSeconds(300));
    confirmations.save(c);
    confirmations.save(
        new PendingConfirmation(
            "$other", "!r:x", "@bob:x", "{}", T0.plusSeconds(1), T0.plusSeconds(10)));
    reopen();
    confirmations = new PendingConfirmations(store);
    assertThat(confirmations.find("$prompt")).contains(c);
    assertThat(confirmations.all())
        .extracting(PendingConfirmation::id)
        .containsExactly("$prompt", "$other");
    assertThat(confirmations.claim("$prompt")).contains(c);
    assertThat(confirmations.claim("$prompt")).isEmpty();
    assertThat(confirmations.removeExpired(T0.plusSeconds(10)))
        .extracting(PendingConfirmation::id)
        .containsExactly("$other");
    assertThat(confirmations.all()).isEmpty();
  }

  @Test
  void monitoredRunsResumeAfterRestart() {
    MonitoredRuns runs = new MonitoredRuns(store);
    var run = new MonitoredRun(1, 42, "!r:x", "@alice:x", Optional.of("$msg"), "waiting", T0, T0);
    runs.save(run);
    runs.save(
        new MonitoredRun(
            1, 43, "!r:x", "@bob:x", Optional.empty(), "running", T0.plusSeconds(1), T0));
    assertThat(runs.updateStatus(1, 42, "running", T0.plusSeconds(5))).isTrue();
    assertThat(runs.updateStatus(9, 9, "running", T0)).isFalse();
    reopen();
    runs = new MonitoredRuns(store);
    assertThat(runs.find(1, 42))
        .contains(
            new MonitoredRun(
                1, 42, "!r:x", "@alice:x", Optional.of("$msg"), "running", T0, T0.plusSeconds(5)));
    assertThat(runs.find(1, 43).orElseThrow().anchorEventId()).isEmpty();
    assertThat(runs.all()).extracting(MonitoredRun::taskId).containsExactly(42L, 43L);
    assertThat(runs.remove(1, 42)).isTrue();
    assertThat(runs.remove(1, 42)).isFalse();
    assertThat(runs.all()).extracting(MonitoredRun::taskId).containsExactly(43L);
  }

  @Test
  void auditLogReturnsTheLatestEntriesNewestFirst() {
    AuditLog audit = new AuditLog(store);
    long first =
        audit.append(AuditEntry.of(T0, "@alice:x", "run", "!r:x", "started").withTask(1, 42));
    audit.append(
        AuditEntry.of(T0.plusSeconds(1), "@bob:x", "stop", "!r:x", "denied")
            .withDetail("not an admin"));
    long third =
        audit.append(AuditEntry.of(T0.plusSeconds(2), "@alice:x", "run", "!r:x", "failed"));
    assertThat(third).isEqualTo(first + 2);
    reopen();
    audit = new AuditLog(store);
    var latest = audit.latest(2);
    assertThat(latest).extracting(AuditEntry::outcome).containsExactly("failed", "denied");
    assertThat(latest.get(1).detail()).contains("not an admin");
    assertThat(latest.get(1).taskId()).isEmpty();
    var all = audit.latest(10);
    assertThat(all).hasSize(3);
    assertThat(all.get(2).taskId().getAsLong()).isEqualTo(42);
    assertThat(all.get(2).projectId().getAsLong()).isEqualTo(1);
    assertThat(all.get(2).at()).isEqualTo(T0);
    assertThat(audit.latest(0)).isEmpty();
    assertThat(audit.pruneOlderThan(T0.plusSeconds(1))).isEqualTo(1);
    assertThat(audit.latest(10)).hasSize(2);
  }

  @Test
  void roomSettingsArePerRoom() {
    RoomSettings settings = new RoomSettings(store, Clock.systemUTC());
    settings.put("!a:x", "log_streaming", "on");
    settings.put("!a:x", "default_project", "3");
    settings.put("!b:x", "log_streaming", "off");
    settings.put("!a:x", "log_streaming", "off");
    reopen();
    settings = new RoomSettings(store, Clock.systemUTC());
    assertThat(settings.get("!a:x", "log_streaming")).contains("off");
    assertThat(settings.all("!a:x")).containsOnlyKeys("default_project", "log_streaming");
    assertThat(settings.remove("!a:x", "default_project")).isTrue();
    assertThat(settings.get("!a:x", "default_project")).isEmpty();
    assertThat(settings.get("!b:x", "log_streaming")).contains("off");
  }

  @Test
  void sendTransactionsAreReusedUntilAcknowledged() {
    SendTransactions sends = new SendTransactions(store);
    String a = sends.allocate("!r:x", T0);
    String b = sends.allocate("!r:x", T0.plusSeconds(1));
    assertThat(a).isNotEqualTo(b).matches("[A-Za-z0-9._~-]+");
    assertThat(sends.markSent(a, "$ev1")).isTrue();
    assertThat(sends.markSent("unknown", "$x")).isFalse();
    reopen();
    sends = new SendTransactions(store);
    assertThat(sends.unacknowledged()).extracting(SendTransaction::txnId).containsExactly(b);
    assertThat(sends.find(a).orElseThrow().eventId()).contains("$ev1");
    sends.record(b, "!other:x", T0.plusSeconds(9));
    assertThat(sends.find(b).orElseThrow().roomId()).isEqualTo("!r:x");
    assertThat(sends.pruneOlderThan(T0.plusMillis(500))).isEqualTo(1);
    assertThat(sends.find(a)).isEmpty();
  }
}
