package cd.chatrix.app.store.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.store.Schema;
import cd.chatrix.app.store.sql.Store;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Handled event ids: marked once, durable across a reopen, pruned by age. */
class ProcessedEventsTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path temp;
  Store store;

  @BeforeEach
  void open() {
    store = Store.open(temp, Schema.MIGRATIONS);
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
    store = Store.open(temp, Schema.MIGRATIONS);
    events = new ProcessedEvents(store);
    assertThat(events.isProcessed("$old")).isTrue();
    assertThat(events.pruneOlderThan(T0.plusSeconds(60))).isEqualTo(1);
    assertThat(events.isProcessed("$old")).isFalse();
    assertThat(events.isProcessed("$new")).isTrue();
  }
}
