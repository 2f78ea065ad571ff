package cd.chatrix.app.store.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.store.Engine;
import cd.chatrix.app.store.Schema;
import cd.chatrix.app.store.sql.Dialect;
import cd.chatrix.app.store.sql.KeyValueStore;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.matrix.send.PendingSend;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Engine.class)
class SqlOutboxStoreTest {
  @TempDir Path dir;
  @Parameter Engine engine;
  private Dialect database;

  private static PendingSend send(int n) {
    return new PendingSend(
        "txn." + n,
        "!r:x",
        "/_matrix/client/v3/rooms/!r:x/send/m.room.message/txn." + n,
        "{\"n\":" + n + "}");
  }

  @Test
  void pendingSendsSurviveAReopenInTheOrderTheyWereAdded() {
    try (Store store = Store.open(database(), Schema.MIGRATIONS)) {
      SqlOutboxStore outbox = new SqlOutboxStore(new KeyValueStore(store));
      // Ids chosen so that key order ("txn.10" < "txn.2") differs from insertion order.
      IntStream.of(2, 10, 1).forEach(n -> outbox.add(send(n)));
      outbox.remove("txn.10");
    }
    try (Store store = Store.open(database(), Schema.MIGRATIONS)) {
      SqlOutboxStore outbox = new SqlOutboxStore(new KeyValueStore(store));
      assertThat(outbox.pending()).containsExactly(send(2), send(1));
      outbox.add(send(3));
      assertThat(outbox.pending()).containsExactly(send(2), send(1), send(3));
    }
  }

  @Test
  void addingASendAgainKeepsItsPlace() {
    try (Store store = Store.open(database(), Schema.MIGRATIONS)) {
      SqlOutboxStore outbox = new SqlOutboxStore(new KeyValueStore(store));
      outbox.add(send(1));
      outbox.add(send(2));
      outbox.add(send(1));
      assertThat(outbox.pending()).containsExactly(send(1), send(2));
      outbox.remove("txn.1");
      outbox.remove("txn.2");
      assertThat(outbox.pending()).isEmpty();
    }
  }

  /** This test's database, made on first use and kept for its reopens. */
  private Dialect database() {
    if (database == null) {
      database = engine.fresh(dir);
    }
    return database;
  }
}
