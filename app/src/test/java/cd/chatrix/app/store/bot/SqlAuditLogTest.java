package cd.chatrix.app.store.bot;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.store.Engine;
import cd.chatrix.bot.store.AuditEntry;
import cd.chatrix.bot.store.AuditLog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Engine.class)
class SqlAuditLogTest extends AuditLogContract {
  @TempDir Path dir;
  @Parameter Engine engine;
  private SqlFixture db;
  private SqlAuditLog log;

  @BeforeEach
  void open() {
    db = new SqlFixture(engine.fresh(dir));
    log = new SqlAuditLog(db.store());
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Override
  AuditLog log() {
    return log;
  }

  @Test
  void entriesSurviveARestartInTheirColumns() {
    log.append(entry(1));
    log.append(entry(2));

    var store = db.restart();

    assertThat(new SqlAuditLog(store).recent(5)).containsExactly(entry(2), entry(1));
    List<List<Object>> rows =
        store.inTransaction(tx ->
            tx.query(
                "SELECT seq, actor, task_id, project_id FROM audit_log ORDER BY seq",
                row ->
                    List.<Object>of(
                        row.getLong("seq"),
                        row.getString("actor"),
                        row.getLong("task_id"),
                        row.getObject("project_id") == null)));
    assertThat(rows)
        .containsExactly(List.of(1L, "@u1:x", 101L, true), List.of(2L, "@u2:x", 102L, true));
  }

  @Test
  void pruningForgetsOnlyEntriesBeforeTheCutoff() {
    log.append(entry(1));
    log.append(entry(2));
    Instant second = log.recent(1).getFirst().at();

    assertThat(log.pruneOlderThan(second)).isEqualTo(1);

    assertThat(log.recent(5)).containsExactly(entry(2));
    assertThat(log.recent(0)).isEmpty();
  }

  @Test
  void timesAreKeptToTheMillisecond() {
    log.append(
        new AuditEntry(AT.plusNanos(456_789), "@u:x", "!r:x", "run", "", Optional.empty(), "ok"));

    assertThat(log.recent(1).getFirst().at()).isEqualTo(AT);
  }
}
