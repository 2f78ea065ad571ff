package cd.chatrix.app.wiring.store;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.bot.store.AuditEntry;
import cd.chatrix.bot.store.AuditLog;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlAuditLogTest extends AuditLogContract {
  @TempDir Path dir;
  private SqlFixture db;
  private SqlAuditLog log;

  @BeforeEach
  void open() {
    db = new SqlFixture(dir);
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
  void entriesSurviveARestartAndShareTheAppsAuditTable() {
    log.append(entry(1));
    log.append(entry(2));

    var store = db.restart();

    assertThat(new SqlAuditLog(store).recent(5)).containsExactly(entry(2), entry(1));
    assertThat(new cd.chatrix.app.store.AuditLog(store).latest(1))
        .singleElement()
        .satisfies(row -> {
          assertThat(row.actor()).isEqualTo("@u2:x");
          assertThat(row.taskId().getAsLong()).isEqualTo(102L);
          assertThat(row.projectId()).isEmpty();
        });
  }

  @Test
  void timesAreKeptToTheMillisecond() {
    log.append(
        new AuditEntry(AT.plusNanos(456_789), "@u:x", "!r:x", "run", "", Optional.empty(), "ok"));

    assertThat(log.recent(1).getFirst().at()).isEqualTo(AT);
  }
}
