package cd.chatrix.app.wiring.store;

import static cd.chatrix.app.wiring.store.Samples.confirmation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.app.store.PendingConfirmations;
import cd.chatrix.bot.store.ConfirmationStore;
import cd.chatrix.bot.store.PendingAction;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlConfirmationStoreTest extends ConfirmationStoreContract {
  @TempDir Path dir;
  private SqlFixture db;
  private SqlConfirmationStore store;

  @BeforeEach
  void open() {
    db = new SqlFixture(dir);
    store = new SqlConfirmationStore(db.store());
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Override
  ConfirmationStore store() {
    return store;
  }

  @Test
  void pendingConfirmationsSurviveARestart() {
    var full = Samples.withEverything("c-full");
    var exit = confirmation("c-exit", new PendingAction.Exit(), 30);
    store.save(full);
    store.save(exit);

    var reopened = new SqlConfirmationStore(db.restart());

    assertThat(reopened.all()).containsExactly(full, exit);
    assertThat(reopened.remove("c-full")).isTrue();
    assertThat(new SqlConfirmationStore(db.restart()).all()).containsExactly(exit);
  }

  @Test
  void fillsTheColumnsTheAppsExpirySweepReads() {
    var c = confirmation("c1", new PendingAction.Exit(), 0);
    store.save(c);

    var sweep = new PendingConfirmations(db.store());
    assertThat(sweep.removeExpired(c.expiresAt().minusSeconds(1))).isEmpty();
    assertThat(sweep.removeExpired(c.expiresAt().plusSeconds(1)))
        .singleElement()
        .satisfies(row -> {
          assertThat(row.id()).isEqualTo("c1");
          assertThat(row.roomId()).isEqualTo(c.roomId());
          assertThat(row.requester()).isEqualTo(c.requester());
        });
    assertThat(store.all()).isEmpty();
  }

  @Test
  void anUnreadablePayloadIsReportedWithWhatToDo() {
    new PendingConfirmations(db.store())
        .save(
            new cd.chatrix.app.store.PendingConfirmation(
                "bad",
                "!r:x",
                "@u:x",
                "{\"format\":1,\"action\":{\"type\":\"launch\"}}",
                Instant.EPOCH,
                Instant.EPOCH));

    assertThatThrownBy(store::all)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("bad")
        .hasMessageContaining("send the command again");
  }
}
