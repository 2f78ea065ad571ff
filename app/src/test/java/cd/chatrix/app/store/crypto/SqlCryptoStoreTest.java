package cd.chatrix.app.store.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.app.store.Engine;
import cd.chatrix.app.store.Schema;
import cd.chatrix.app.store.sql.Dialect;
import cd.chatrix.app.store.sql.Migration;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.crypto.store.Device;
import cd.chatrix.crypto.store.LocalTrust;
import cd.chatrix.crypto.store.PendingEvent;
import cd.chatrix.crypto.store.StoredInboundGroupSession;
import cd.chatrix.crypto.store.StoredOlmSession;
import cd.chatrix.crypto.store.StoredOutboundGroupSession;
import cd.chatrix.crypto.store.StoredRequest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The behaviours crypto's {@code CryptoStoreContract} demands of every store, checked against
 * SQLite, plus what only a persistent store must do: keep everything across a reopen.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class SqlCryptoStoreTest {
  @TempDir Path dir;
  @Parameter Engine engine;
  private Dialect database;
  private Store db;

  private SqlCryptoStore open() {
    db = Store.open(database(), Schema.MIGRATIONS);
    return new SqlCryptoStore(db);
  }

  private SqlCryptoStore reopen() {
    db.close();
    return open();
  }

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void theCryptoMigrationTakesItsNumberedPlaceAndOlderSchemasAreRefused() {
    assertThat(Schema.MIGRATIONS.get(CryptoTables.CRYPTO_VERSION - 1))
        .isSameAs(CryptoTables.CRYPTO);
    try (Store older =
        Store.open(
            engine.fresh(dir.resolve("old")),
            Schema.MIGRATIONS.subList(0, CryptoTables.CRYPTO_VERSION - 1))) {
      assertThatThrownBy(() -> new SqlCryptoStore(older)).hasMessageContaining("Schema.MIGRATIONS");
    }
  }

  @Test
  void accountPickleIsEmptyUntilSavedAndThenReplaced() {
    SqlCryptoStore s = open();
    assertThat(s.accountPickle()).isEmpty();
    s.saveAccountPickle("one");
    s.saveAccountPickle("two");
    assertThat(s.accountPickle()).contains("two");
    assertThat(reopen().accountPickle()).contains("two");
  }

  @Test
  void olmSessionsAreKeyedBySenderKeyAndSessionId() {
    SqlCryptoStore s = open();
    s.saveOlmSession(new StoredOlmSession("curveA", "s1", "p1", 1, 1));
    s.saveOlmSession(new StoredOlmSession("curveA", "s2", "p2", 2, 2));
    s.saveOlmSession(new StoredOlmSession("curveA", "s1", "p1b", 1, 5));
    s.saveOlmSession(new StoredOlmSession("curveB", "s3", "p3", 3, 3));
    SqlCryptoStore again = reopen();
    assertThat(again.olmSessions("curveA"))
        .containsExactlyInAnyOrder(
            new StoredOlmSession("curveA", "s1", "p1b", 1, 5),
            new StoredOlmSession("curveA", "s2", "p2", 2, 2));
    assertThat(again.olmSessions("nobody")).isEmpty();
  }

  @Test
  void aSessionAPreKeyMessageOpenedIsSavedWithTheAccountThatSpentTheKey() {
    SqlCryptoStore s = open();
    s.saveAccountPickle("with-the-key");
    s.saveOlmSessionWithAccount(new StoredOlmSession("curveA", "s1", "p1", 1, 1), "key-spent");
    SqlCryptoStore again = reopen();
    assertThat(again.accountPickle()).contains("key-spent");
    assertThat(again.olmSessions("curveA"))
        .containsExactly(new StoredOlmSession("curveA", "s1", "p1", 1, 1));
  }

  @Test
  void groupSessionsAreKeyedByRoomAndSession() {
    SqlCryptoStore s = open();
    var in = new StoredInboundGroupSession("!r", "sid", "curve", "ed", "pickle", 3, true);
    s.saveInboundGroupSession(in);
    var out =
        new StoredOutboundGroupSession(
            "!r", "sid", "p", 10, 2, Set.of("@a|D", "@b|E"), Set.of("@c|F"));
    s.saveOutboundGroupSession(out);

    SqlCryptoStore again = reopen();
    assertThat(again.inboundGroupSession("!r", "sid")).contains(in);
    assertThat(again.inboundGroupSession("!other", "sid")).isEmpty();
    assertThat(again.outboundGroupSession("!r")).contains(out);
    again.removeOutboundGroupSession("!r");
    assertThat(again.outboundGroupSession("!r")).isEmpty();
  }

  @Test
  void deviceListsAreReplacedWhole() {
    SqlCryptoStore s = open();
    Device d1 =
        new Device("@a", "D1", "c1", "e1", List.of("m.olm.v1"), "", LocalTrust.UNSET, false, "{}");
    Device d2 =
        new Device("@a", "D2", "c2", "e2", List.of(), "phone", LocalTrust.VERIFIED, true, "{}");
    Map<String, Device> both = new LinkedHashMap<>();
    both.put("D1", d1);
    both.put("D2", d2);
    s.saveDevices("@a", both);
    assertThat(s.devices("@a")).containsEntry("D1", d1).containsEntry("D2", d2);
    s.saveDevices("@a", Map.of("D2", d2));
    SqlCryptoStore again = reopen();
    assertThat(again.devices("@a")).containsOnlyKeys("D2").containsValue(d2);
    assertThat(again.devices("@nobody")).isEmpty();
  }

  @Test
  void trackedUsersCarryTheirOutdatedFlag() {
    SqlCryptoStore s = open();
    s.saveTrackedUser("@a", true);
    s.saveTrackedUser("@b", false);
    s.saveTrackedUser("@c", true);
    assertThat(s.outdatedTrackedUsers()).containsExactly("@a", "@c");
    s.saveTrackedUser("@a", false);
    assertThat(s.outdatedTrackedUsers()).containsExactly("@c");
    s.removeTrackedUser("@c");
    assertThat(s.trackedUsers()).containsEntry("@a", false).containsEntry("@b", false);
    s.removeTrackedUser("@b");
    assertThat(reopen().trackedUsers()).containsOnlyKeys("@a");
  }

  @Test
  void messageIndexOwnersAndValuesRoundTrip() {
    SqlCryptoStore s = open();
    assertThat(s.messageIndexOwner("!r", "sid", 0)).isEmpty();
    s.saveMessageIndexOwner("!r", "sid", 0, "$e1");
    s.saveValue("k", "v");
    s.saveValue("gone", "x");
    s.removeValue("gone");
    SqlCryptoStore again = reopen();
    assertThat(again.messageIndexOwner("!r", "sid", 0)).contains("$e1");
    assertThat(again.messageIndexOwner("!r", "sid", 1)).isEmpty();
    assertThat(again.value("k")).contains("v");
    assertThat(again.value("gone")).isEmpty();
  }

  @Test
  void aValueKeyedByTheLongestRoomIdIsKept() {
    // A room id may be 255 bytes; the machine adds a prefix and a session id to it.
    String roomId = "!" + "r".repeat(200) + ":" + "h".repeat(54);
    String key = "roomkey.shares|" + roomId + "|" + "s".repeat(43);
    SqlCryptoStore s = open();

    s.saveValue(key, "{\"devices\":[]}");

    assertThat(reopen().value(key)).contains("{\"devices\":[]}");
  }

  @Test
  void valuesSavedBeforeNamesGrewLongSurviveTheMigration() {
    List<Migration> before = Schema.MIGRATIONS.subList(0, Schema.MIGRATIONS.size() - 1);
    assertThat(Schema.MIGRATIONS.getLast()).isSameAs(CryptoTables.LONG_VALUE_NAMES);
    db = Store.open(database(), before);
    new SqlCryptoStore(db).saveValue("own.master", "kept");

    SqlCryptoStore upgraded = reopen();

    assertThat(upgraded.value("own.master")).contains("kept");
    upgraded.saveValue("own.master", "replaced");
    assertThat(upgraded.value("own.master")).contains("replaced");
  }

  @Test
  void outgoingRequestsKeepInsertionOrderUntilRemoved() {
    SqlCryptoStore s = open();
    s.saveOutgoingRequest(new StoredRequest("b", "{}"));
    s.saveOutgoingRequest(new StoredRequest("a", "{}"));
    s.saveOutgoingRequest(new StoredRequest("c", "{}"));
    s.saveOutgoingRequest(new StoredRequest("b", "{\"v\":2}"));
    s.removeOutgoingRequest("c");
    assertThat(reopen().outgoingRequests())
        .containsExactly(new StoredRequest("b", "{\"v\":2}"), new StoredRequest("a", "{}"));
  }

  @Test
  void pendingEventsAreGroupedBySessionAndDeduplicatedByEventId() {
    SqlCryptoStore s = open();
    s.savePendingEvent(new PendingEvent("!r", "sid", "$1", "{}"));
    s.savePendingEvent(new PendingEvent("!r", "sid", "$1", "{\"again\":true}"));
    s.savePendingEvent(new PendingEvent("!r", "sid", "$2", "{}"));
    s.savePendingEvent(new PendingEvent("!r", "other", "$3", "{}"));
    SqlCryptoStore again = reopen();
    assertThat(again.pendingEvents("!r", "sid"))
        .containsExactlyInAnyOrder(
            new PendingEvent("!r", "sid", "$1", "{\"again\":true}"),
            new PendingEvent("!r", "sid", "$2", "{}"));
    again.removePendingEvents("!r", "sid");
    assertThat(again.pendingEvents("!r", "sid")).isEmpty();
    assertThat(again.pendingEvents("!r", "other")).hasSize(1);
  }

  @Test
  void backupMarksFollowTheUploadedCopy() {
    SqlCryptoStore s = open();
    var a = new StoredInboundGroupSession("!r", "a", "c", "e", "pa", 0, false);
    var b = new StoredInboundGroupSession("!r", "b", "c", "e", "pb", 0, false);
    s.saveInboundGroupSession(a);
    s.saveInboundGroupSession(b);
    assertThat(s.inboundGroupSessionsToBackUp(10)).containsExactlyInAnyOrder(a, b);
    assertThat(s.inboundGroupSessionsToBackUp(1)).hasSize(1);

    s.markBackedUp(List.of(a, b));
    assertThat(s.inboundGroupSessionsToBackUp(10)).isEmpty();

    var betterA = new StoredInboundGroupSession("!r", "a", "c", "e", "pa2", 0, false);
    s.saveInboundGroupSession(betterA);
    // A mark for the old copy must not hide the new one from the backup.
    s.markBackedUp(List.of(a));
    assertThat(reopen().inboundGroupSessionsToBackUp(10)).containsExactly(betterA);

    db.close();
    SqlCryptoStore again = open();
    again.resetBackupState();
    assertThat(again.inboundGroupSessionsToBackUp(10)).hasSize(2);
  }

  /** This test's database, made on first use and kept for its reopens. */
  private Dialect database() {
    if (database == null) {
      database = engine.fresh(dir);
    }
    return database;
  }
}
