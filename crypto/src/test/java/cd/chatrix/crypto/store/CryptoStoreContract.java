package cd.chatrix.crypto.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Behaviour every {@link CryptoStore} must have. A persistent store (the app's SQLite one) can
 * extend this with its own {@link #newStore()} to check it keeps the machine's assumptions.
 */
public abstract class CryptoStoreContract {

  protected abstract CryptoStore newStore();

  @Test
  void accountPickleIsEmptyUntilSavedAndThenReplaced() {
    CryptoStore s = newStore();
    assertThat(s.accountPickle()).isEmpty();
    s.saveAccountPickle("one");
    s.saveAccountPickle("two");
    assertThat(s.accountPickle()).contains("two");
  }

  @Test
  void olmSessionsAreKeyedBySenderKeyAndSessionId() {
    CryptoStore s = newStore();
    s.saveOlmSession(new StoredOlmSession("curveA", "s1", "p1", 1, 1));
    s.saveOlmSession(new StoredOlmSession("curveA", "s2", "p2", 2, 2));
    s.saveOlmSession(new StoredOlmSession("curveA", "s1", "p1b", 1, 5));
    s.saveOlmSession(new StoredOlmSession("curveB", "s3", "p3", 3, 3));
    assertThat(s.olmSessions("curveA"))
        .extracting(StoredOlmSession::pickle)
        .containsExactlyInAnyOrder("p1b", "p2");
    assertThat(s.olmSessions("nobody")).isEmpty();
  }

  @Test
  void groupSessionsAreKeyedByRoomAndSession() {
    CryptoStore s = newStore();
    var in = new StoredInboundGroupSession("!r", "sid", "curve", "ed", "pickle", 3, false);
    s.saveInboundGroupSession(in);
    assertThat(s.inboundGroupSession("!r", "sid")).contains(in);
    assertThat(s.inboundGroupSession("!other", "sid")).isEmpty();

    var out = new StoredOutboundGroupSession("!r", "sid", "p", 10, 2, Set.of("@a|D"), Set.of());
    s.saveOutboundGroupSession(out);
    assertThat(s.outboundGroupSession("!r")).contains(out);
    s.removeOutboundGroupSession("!r");
    assertThat(s.outboundGroupSession("!r")).isEmpty();
  }

  @Test
  void deviceListsAreReplacedWhole() {
    CryptoStore s = newStore();
    Device d1 = new Device("@a", "D1", "c1", "e1", List.of(), "", LocalTrust.UNSET, false, "{}");
    Device d2 = new Device("@a", "D2", "c2", "e2", List.of(), "", LocalTrust.VERIFIED, false, "{}");
    s.saveDevices("@a", Map.of("D1", d1, "D2", d2));
    s.saveDevices("@a", Map.of("D2", d2));
    assertThat(s.devices("@a")).containsOnlyKeys("D2").containsValue(d2);
    assertThat(s.devices("@nobody")).isEmpty();
  }

  @Test
  void trackedUsersCarryTheirOutdatedFlag() {
    CryptoStore s = newStore();
    s.saveTrackedUser("@a", true);
    s.saveTrackedUser("@b", false);
    s.saveTrackedUser("@c", true);
    assertThat(s.outdatedTrackedUsers()).containsExactly("@a", "@c");
    s.saveTrackedUser("@a", false);
    assertThat(s.outdatedTrackedUsers()).containsExactly("@c");
    s.removeTrackedUser("@c");
    assertThat(s.trackedUsers()).containsEntry("@a", false).containsEntry("@b", false);
    s.removeTrackedUser("@b");
    assertThat(s.trackedUsers()).containsOnlyKeys("@a");
  }

  @Test
  void messageIndexOwnersAndValuesRoundTrip() {
    CryptoStore s = newStore();
    assertThat(s.messageIndexOwner("!r", "sid", 0)).isEmpty();
    s.saveMessageIndexOwner("!r", "sid", 0, "$e1");
    assertThat(s.messageIndexOwner("!r", "sid", 0)).contains("$e1");
    assertThat(s.messageIndexOwner("!r", "sid", 1)).isEmpty();
    s.saveValue("k", "v");
    assertThat(s.value("k")).contains("v");
    s.removeValue("k");
    assertThat(s.value("k")).isEmpty();
  }

  @Test
  void outgoingRequestsKeepInsertionOrderUntilRemoved() {
    CryptoStore s = newStore();
    s.saveOutgoingRequest(new StoredRequest("1", "{}"));
    s.saveOutgoingRequest(new StoredRequest("2", "{}"));
    s.removeOutgoingRequest("1");
    assertThat(s.outgoingRequests()).extracting(StoredRequest::id).containsExactly("2");
  }

  @Test
  void pendingEventsAreGroupedBySessionAndDeduplicatedByEventId() {
    CryptoStore s = newStore();
    s.savePendingEvent(new PendingEvent("!r", "sid", "$1", "{}"));
    s.savePendingEvent(new PendingEvent("!r", "sid", "$1", "{\"again\":true}"));
    s.savePendingEvent(new PendingEvent("!r", "sid", "$2", "{}"));
    s.savePendingEvent(new PendingEvent("!r", "other", "$3", "{}"));
    assertThat(s.pendingEvents("!r", "sid"))
        .extracting(PendingEvent::eventId)
        .containsExactlyInAnyOrder("$1", "$2");
    s.removePendingEvents("!r", "sid");
    assertThat(s.pendingEvents("!r", "sid")).isEmpty();
    assertThat(s.pendingEvents("!r", "other")).hasSize(1);
  }

  @Test
  void recordsHoldingPicklesDoNotPrintThem() {
    assertThat(new StoredOlmSession("c", "s", "SECRETPICKLE", 1, 1).toString())
        .doesNotContain("SECRETPICKLE");
    assertThat(
            new StoredInboundGroupSession("!r", "s", "c", "e", "SECRETPICKLE", 0, false).toString())
        .doesNotContain("SECRETPICKLE");
    assertThat(
            new StoredOutboundGroupSession("!r", "s", "SECRETPICKLE", 0, 0, Set.of(), Set.of())
                .toString())
        .doesNotContain("SECRETPICKLE");
  }
}
