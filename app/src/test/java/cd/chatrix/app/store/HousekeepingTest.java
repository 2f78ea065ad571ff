package cd.chatrix.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.store.bot.SqlAuditLog;
import cd.chatrix.app.store.bot.SqlRunStore;
import cd.chatrix.app.store.matrix.ProcessedEvents;
import cd.chatrix.app.store.sql.Dialect;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.port.TaskState;
import cd.chatrix.bot.store.AuditEntry;
import cd.chatrix.bot.store.MonitoredRun;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Old records go; recent ones and anything still in progress stay, whatever its age. */
@ParameterizedClass
@EnumSource(Engine.class)
class HousekeepingTest {
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private static final Instant LONG_AGO = NOW.minus(Duration.ofDays(400));
  private static final Instant RECENTLY = NOW.minus(Duration.ofDays(1));

  @TempDir Path dir;
  @Parameter Engine engine;
  private Dialect database;
  private Store store;
  private Housekeeping housekeeping;

  @BeforeEach
  void open() {
    store = Store.open(database(), Schema.MIGRATIONS);
    housekeeping =
        Housekeeping.manual(store, Housekeeping.Retention.defaults(), InstantSource.fixed(NOW));
  }

  @AfterEach
  void close() {
    housekeeping.close();
    store.close();
  }

  @Test
  void oldRecordsAreForgottenAndRecentOnesKept() {
    var events = new ProcessedEvents(store);
    events.markProcessed("!r", "$old", LONG_AGO);
    events.markProcessed("!r", "$new", RECENTLY);
    var audit = new SqlAuditLog(store);
    audit.append(entry(LONG_AGO));
    audit.append(entry(RECENTLY));

    Housekeeping.Swept swept = housekeeping.sweep();

    assertThat(swept.processedEvents()).isEqualTo(1);
    assertThat(swept.auditEntries()).isEqualTo(1);
    assertThat(events.isProcessed("$new")).isTrue();
    assertThat(events.isProcessed("$old")).isFalse();
    assertThat(audit.recent(10)).extracting(AuditEntry::at).containsExactly(RECENTLY);
  }

  @Test
  void anOldRunStillInProgressIsKeptAndAnOldFinishedOneGoes() {
    var runs = new SqlRunStore(store);
    runs.save(run(1, TaskState.RUNNING, LONG_AGO));
    runs.save(run(2, TaskState.SUCCESS, LONG_AGO));
    runs.save(run(3, TaskState.SUCCESS, RECENTLY));

    assertThat(housekeeping.sweep().finishedRuns()).isEqualTo(1);

    assertThat(runs.byTask(new TaskRef(1, 1))).hasSize(1);
    assertThat(runs.byTask(new TaskRef(1, 2))).isEmpty();
    assertThat(runs.byTask(new TaskRef(1, 3))).hasSize(1);
  }

  private static AuditEntry entry(Instant at) {
    return new AuditEntry(at, "@ops:example.org", "!r", "run", "Deploy", Optional.of(1L), "ok");
  }

  private static MonitoredRun run(long task, TaskState state, Instant requestedAt) {
    return new MonitoredRun(
        new TaskRef(1, task),
        "!r",
        "$status-" + task,
        Optional.empty(),
        Optional.empty(),
        "Project 1",
        "Template",
        11,
        "",
        state,
        requestedAt,
        Optional.empty(),
        Optional.empty(),
        false,
        0);
  }

  /** This test's database, made on first use and kept for its reopens. */
  private Dialect database() {
    if (database == null) {
      database = engine.fresh(dir);
    }
    return database;
  }
}
