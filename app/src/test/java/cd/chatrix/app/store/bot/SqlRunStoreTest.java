package cd.chatrix.app.store.bot;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.store.Engine;
import cd.chatrix.bot.port.TaskState;
import cd.chatrix.bot.store.RunStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Engine.class)
class SqlRunStoreTest extends RunStoreContract {
  @TempDir Path dir;
  @Parameter Engine engine;
  private SqlFixture db;
  private SqlRunStore store;

  @BeforeEach
  void open() {
    db = new SqlFixture(engine.fresh(dir));
    store = new SqlRunStore(db.store());
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Override
  RunStore store() {
    return store;
  }

  @Test
  void runsSurviveARestartSoMonitorsResume() {
    var full = Samples.fullRun();
    var done = Samples.run(1, 2, "!a:x", TaskState.SUCCESS, 0);
    store.save(full);
    store.save(done);

    var reopened = new SqlRunStore(db.restart());

    assertThat(reopened.active()).containsExactly(full);
    assertThat(reopened.byTaskId(2)).contains(done);
    assertThat(reopened.latestInRoom(full.roomId())).contains(full);
  }

  @Test
  void pruningDropsOnlyOldFinishedRuns() {
    var oldDone = Samples.run(1, 1, "!a:x", TaskState.SUCCESS, 0);
    var oldRunning = Samples.run(1, 2, "!a:x", TaskState.RUNNING, 0);
    var newDone = Samples.run(1, 3, "!a:x", TaskState.ERROR, 60);
    store.save(oldDone);
    store.save(oldRunning);
    store.save(newDone);

    assertThat(store.pruneFinishedBefore(Samples.T0.plusSeconds(600))).isEqualTo(1);
    assertThat(store.byTaskId(1)).isEmpty();
    assertThat(store.byTaskId(2)).contains(oldRunning);
    assertThat(store.byTaskId(3)).contains(newDone);
  }
}
