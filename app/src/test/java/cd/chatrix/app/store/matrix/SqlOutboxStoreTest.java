package cd.chatrix.app.store.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.app.store.Engine;
import cd.chatrix.app.store.Schema;
import cd.chatrix.app.store.sql.Dialect;
import cd.chatrix.app.store.sql.KeyValueStore;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.matrix.send.PendingSend;
import java.nio.file.Path;
import java.util.Optional;
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
        new PendingSend.Event("m.room.message"),
        "{\"n\":" + n + "}",
        Optional.empty());
  }

  @Test
  void pendingSendsSurviveAReopenInTheOrderTheyWereAdded() {
    try (Store store = Store.open(database(), Schema.MIGRATIONS)) {
      SqlOutboxStore outbox = new SqlOutboxStore(store);
      // Ids chosen so that key order ("txn.10" < "txn.2") differs from insertion order.
      IntStream.of(2, 10, 1).forEach(n -> outbox.add(send(n)));
      outbox.remove("txn.10");
    }
    try (Store store = Store.open(database(), Schema.MIGRATIONS)) {
      SqlOutboxStore outbox = new SqlOutboxStore(store);
      assertThat(outbox.pending()).containsExactly(send(2), send(1));
      outbox.add(send(3));
      assertThat(outbox.pending()).containsExactly(send(2), send(1), send(3));
    }
  }

  @Test
  void addingASendAgainKeepsItsPlace() {
    try (Store store = Store.open(database(), Schema.MIGRATIONS)) {
      SqlOutboxStore outbox = new SqlOutboxStore(store);
      outbox.add(send(1));
      outbox.add(send(2));
      outbox.add(send(1));
      assertThat(outbox.pending()).containsExactly(send(1), send(2));
      outbox.remove("txn.1");
      outbox.remove("txn.2");
      assertThat(outbox.pending()).isEmpty();
    }
  }

  @Test
  void aSendAndTheEventItAnswersAreRecordedInOneTransaction() {
    try (Store store = Store.open(database(), Schema.MIGRATIONS)) {
      SqlSyncStateStore sync = new SqlSyncStateStore(store);
      SqlOutboxStore outbox = new SqlOutboxStore(store, new KeyValueStore(store), sync);
      PendingSend pong =
          new PendingSend(
              "txn.pong",
              "!r:x",
              new PendingSend.Event("m.room.message"),
              "{\"body\":\"pong\"}",
              Optional.of("$ping"));

      // A failure after the send's row is written rolls back both, the handled mark included.
      assertThatThrownBy(() ->
              store.doInTransaction(tx -> {
                outbox.add(pong);
                throw new IllegalStateException("crash");
              }))
          .hasMessageContaining("crash");
      assertThat(outbox.pending()).isEmpty();
      assertThat(sync.isHandled("$ping")).isFalse();

      outbox.add(pong);
      assertThat(outbox.pending()).containsExactly(pong);
      assertThat(sync.isHandled("$ping")).isTrue();
    }
  }

  @Test
  void aRedactionAndARowOfAnEarlierVersionComeBackAsTheyWere() {
    try (Store store = Store.open(database(), Schema.MIGRATIONS)) {
      KeyValueStore values = new KeyValueStore(store);
      // The shape version 1 rows had: the full path and the body as sent.
      values.put(
          SqlOutboxStore.NAMESPACE,
          "old.1",
          "{\"seq\":1,\"room_id\":\"!r:x\",\"path\":\"/_matrix/client/v3/rooms/!r:x/send/m.room.encrypted/old.1\",\"body\":\"{}\"}");
      SqlOutboxStore outbox = new SqlOutboxStore(store);
      PendingSend redaction =
          new PendingSend(
              "txn.r", "!r:x", new PendingSend.Redaction("$gone"), "{}", Optional.empty());
      outbox.add(redaction);

      assertThat(outbox.pending())
          .containsExactly(
              new PendingSend(
                  "old.1",
                  "!r:x",
                  new PendingSend.Prepared(
                      "/_matrix/client/v3/rooms/!r:x/send/m.room.encrypted/old.1"),
                  "{}",
                  Optional.empty()),
              redaction);
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
