package cd.chatrix.app.store.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.logging.Redactor;
import cd.chatrix.app.store.Engine;
import cd.chatrix.app.store.Schema;
import cd.chatrix.app.store.sql.Dialect;
import cd.chatrix.app.store.sql.KeyValueStore;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.matrix.auth.Renewal;
import cd.chatrix.matrix.auth.Session;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Engine.class)
class SqlSessionStoreTest {
  @TempDir Path dir;
  @Parameter Engine engine;
  private Dialect database;

  @Test
  void theSessionSurvivesAReopenAndRenewalsReplaceIt() {
    Session first =
        new Session(
            URI.create("https://hs.example"),
            "@bot:example",
            "DEVICE1",
            "access-1",
            Optional.of("refresh-1"),
            Optional.of(Instant.ofEpochMilli(1_800_000_000_000L)),
            new Renewal.MatrixRefresh());
    try (Store store = Store.open(database(), Schema.MIGRATIONS)) {
      SqlSessionStore sessions = new SqlSessionStore(new KeyValueStore(store));
      assertThat(sessions.load()).isEmpty();
      sessions.save(first);
      sessions.save(first.withTokens("access-2", Optional.empty(), Optional.empty()));
    }
    try (Store store = Store.open(database(), Schema.MIGRATIONS)) {
      SqlSessionStore sessions = new SqlSessionStore(new KeyValueStore(store));
      Session loaded = sessions.load().orElseThrow();
      assertThat(loaded.deviceId()).isEqualTo("DEVICE1");
      assertThat(loaded.accessToken()).isEqualTo("access-2");
      assertThat(loaded.refreshToken()).contains("refresh-1");
      assertThat(loaded.renewal()).isEqualTo(new Renewal.MatrixRefresh());
      assertThat(loaded.toString()).doesNotContain("access-2").doesNotContain("refresh-1");
      sessions.clear();
      assertThat(sessions.load()).isEmpty();
    }
  }

  @Test
  void everySavedSessionsTokensAreHiddenFromTheLog() {
    // Plain values that no credential pattern would catch: only the registry can hide them.
    String renewedAccess = "zebra" + System.nanoTime() + "yak";
    String renewedRefresh = "otter" + System.nanoTime() + "gnu";
    Redactor redactor = Redactor.of(false);
    assertThat(redactor.redactSecrets("saw " + renewedAccess)).contains(renewedAccess);
    try (Store store = Store.open(database(), Schema.MIGRATIONS)) {
      SqlSessionStore sessions = new SqlSessionStore(new KeyValueStore(store));
      Session first =
          new Session(
              URI.create("https://hs.example"),
              "@bot:example",
              "DEVICE1",
              "first-access-" + System.nanoTime(),
              Optional.empty(),
              Optional.empty(),
              new Renewal.MatrixRefresh());
      sessions.save(first);
      sessions.save(first.withTokens(renewedAccess, Optional.of(renewedRefresh), Optional.empty()));
    }

    assertThat(redactor.redactSecrets("saw " + renewedAccess + " and " + renewedRefresh))
        .doesNotContain(renewedAccess)
        .doesNotContain(renewedRefresh);
  }

  /** This test's database, made on first use and kept for its reopens. */
  private Dialect database() {
    if (database == null) {
      database = engine.fresh(dir);
    }
    return database;
  }
}
