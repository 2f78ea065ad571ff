package cd.chatrix.app.store.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.store.Engine;
import cd.chatrix.app.store.Schema;
import cd.chatrix.app.store.sql.Dialect;
import cd.chatrix.app.store.sql.Store;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Handled event ids: marked once, durable across a reopen, pruned by age. */
@ParameterizedClass
@EnumSource(Engine.class)
class ProcessedEventsTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path temp;
  @Parameter Engine engine;
  private Dialect database;
  Store store;

  @BeforeEach
  void open() {
    store = Store.open(database(), Schema.MIGRATIONS);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void processedEventsAreMarkedOnceAndPrunedByAge() {
    ProcessedEvents events = new ProcessedEvents(store);
    assertThat(events.markProcessed("!r:x", "$old", T0)).isTrue();
    assertThat(events.markProcessed("!r:x", "$old", T0)).isFalse();
    assertThat(events.markProcessed("!r:x", "$new", T0.plusSeconds(3600))).isTrue();
    store.close();
    store = Store.open(database(), Schema.MIGRATIONS);
    events = new ProcessedEvents(store);
    assertThat(events.isProcessed("$old")).isTrue();
    assertThat(events.pruneOlderThan(T0.plusSeconds(60))).isEqualTo(1);
    assertThat(events.isProcessed("$old")).isFalse();
    assertThat(events.isProcessed("$new")).isTrue();
  }

  /** This test's database, made on first use and kept for its reopens. */
  private Dialect database() {
    if (database == null) {
      database = engine.fresh(temp);
    }
    return database;
  }
}
