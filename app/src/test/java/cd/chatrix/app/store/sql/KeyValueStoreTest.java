package cd.chatrix.app.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.store.Engine;
import cd.chatrix.app.store.Schema;
import cd.chatrix.app.store.matrix.ProcessedEvents;
import java.nio.file.Path;
import java.time.Clock;
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
class KeyValueStoreTest {
  @TempDir Path temp;
  @Parameter Engine engine;
  private Dialect database;
  Store store;
  KeyValueStore kv;

  @BeforeEach
  void open() {
    store = Store.open(database(), Schema.MIGRATIONS);
    kv = new KeyValueStore(store, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void putGetOverwriteDelete() {
    assertThat(kv.get("auth", "token")).isEmpty();
    kv.put("auth", "token", "one");
    kv.put("auth", "token", "two");
    assertThat(kv.get("auth", "token")).contains("two");
    assertThat(kv.delete("auth", "token")).isTrue();
    assertThat(kv.delete("auth", "token")).isFalse();
    assertThat(kv.get("auth", "token")).isEmpty();
  }

  @Test
  void namespacesAreSeparate() {
    kv.put("a", "k", "1");
    kv.put("b", "k", "2");
    kv.put("b", "j", "3");
    assertThat(kv.get("a", "k")).contains("1");
    assertThat(kv.entries("b"))
        .containsExactly(java.util.Map.entry("j", "3"), java.util.Map.entry("k", "2"));
  }

  @Test
  void compareAndSetSwapsOnlyFromTheExpectedValue() {
    assertThat(kv.compareAndSet("auth", "refresh", Optional.empty(), Optional.of("r1"))).isTrue();
    assertThat(kv.compareAndSet("auth", "refresh", Optional.empty(), Optional.of("r2"))).isFalse();
    assertThat(kv.compareAndSet("auth", "refresh", Optional.of("r0"), Optional.of("r2"))).isFalse();
    assertThat(kv.get("auth", "refresh")).contains("r1");
    assertThat(kv.compareAndSet("auth", "refresh", Optional.of("r1"), Optional.of("r2"))).isTrue();
    assertThat(kv.get("auth", "refresh")).contains("r2");
    assertThat(kv.compareAndSet("auth", "refresh", Optional.of("r2"), Optional.empty())).isTrue();
    assertThat(kv.get("auth", "refresh")).isEmpty();
  }

  @Test
  void severalWritesCommitTogether() {
    ProcessedEvents events = new ProcessedEvents(store);
    store.doInTransaction(tx -> {
      kv.put("matrix.sync", "since", "s1");
      events.markProcessed("!r:x", "$a", java.time.Instant.now());
    });
    assertThat(kv.get("matrix.sync", "since")).contains("s1");
    assertThat(events.isProcessed("$a")).isTrue();
  }

  /** This test's database, made on first use and kept for its reopens. */
  private Dialect database() {
    if (database == null) {
      database = engine.fresh(temp);
    }
    return database;
  }
}
