package cd.chatrix.app.store.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.app.store.Engine;
import cd.chatrix.app.store.Schema;
import cd.chatrix.app.store.sql.Dialect;
import cd.chatrix.app.store.sql.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Engine.class)
class SqlSyncStateStoreTest {
  @TempDir Path dir;
  @Parameter Engine engine;
  private Dialect database;

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  private SqlSyncStateStore open(Store store) {
    return new SqlSyncStateStore(store, clock, Duration.ofDays(7));
  }

  @Test
  void positionAndHandledIdsSurviveAReopen() {
    try (Store store = Store.open(database(), Schema.MIGRATIONS)) {
      SqlSyncStateStore state = open(store);
      assertThat(state.since()).isEmpty();
      state.markHandled("$a");
      state.commit("s1", List.of("$a"));
      state.markHandled("$b");
    }
    try (Store store = Store.open(database(), Schema.MIGRATIONS)) {
      SqlSyncStateStore state = open(store);
      assertThat(state.since()).contains("s1");
      assertThat(state.isHandled("$a")).isTrue();
      assertThat(state.isHandled("$b")).isTrue();
      assertThat(state.isHandled("$c")).isFalse();
    }
  }

  @Test
  void commitsForgetOnlyOwnIdsOlderThanTheRetention() {
    try (Store store = Store.open(database(), Schema.MIGRATIONS)) {
      SqlSyncStateStore state = open(store);
      ProcessedEvents others = new ProcessedEvents(store);
      state.markHandled("$old");
      others.markProcessed("!room:x", "$someone-elses", now.get());
      now.set(now.get().plus(Duration.ofDays(8)));
      state.markHandled("$recent");

      state.commit("s2", List.of("$recent"));

      assertThat(state.isHandled("$old")).isFalse();
      assertThat(state.isHandled("$recent")).isTrue();
      assertThat(others.isProcessed("$someone-elses")).isTrue();
      assertThat(state.since()).contains("s2");
    }
  }

  @Test
  void aCommitInsideAFailedTransactionLeavesThePositionUnchanged() {
    try (Store store = Store.open(database(), Schema.MIGRATIONS)) {
      SqlSyncStateStore state = open(store);
      state.commit("s1", List.of());

      assertThatThrownBy(() ->
              store.doInTransaction(tx -> {
                state.commit("s2", List.of());
                throw new IllegalStateException("crash before the outer commit");
              }))
          .isInstanceOf(IllegalStateException.class);

      assertThat(state.since()).contains("s1");
    }
  }

  @Test
  void resetForgetsThePosition() {
    try (Store store = Store.open(database(), Schema.MIGRATIONS)) {
      SqlSyncStateStore state = open(store);
      state.commit("s1", List.of());
      state.reset();
      assertThat(state.since()).isEmpty();
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
