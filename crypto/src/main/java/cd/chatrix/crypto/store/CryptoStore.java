package cd.chatrix.crypto.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the crypto machine must keep across restarts. Pickles arrive already sealed with the
 * pickle key, so an implementation stores opaque strings and never sees key material in clear.
 * Calls come from one thread at a time (the machine serialises them).
 */
public interface CryptoStore {

  Optional<String> accountPickle();

  void saveAccountPickle(String pickle);

  List<StoredOlmSession> olmSessions(String senderKey);

  void saveOlmSession(StoredOlmSession session);

  /**
   * Saves a session a pre-key message opened together with the account that spent a one-time key on
   * it. A store with transactions does both in one, so that no crash leaves one without the other;
   * this default writes the session first (a spent key left in the account is harmless, a session
   * lost is not).
   */
  default void saveOlmSessionWithAccount(StoredOlmSession session, String accountPickle) {
    saveOlmSession(session);
    saveAccountPickle(accountPickle);
  }

  Optional<StoredInboundGroupSession> inboundGroupSession(String roomId, String sessionId);

  void saveInboundGroupSession(StoredInboundGroupSession session);

  Optional<StoredOutboundGroupSession> outboundGroupSession(String roomId);

  void saveOutboundGroupSession(StoredOutboundGroupSession session);

  void removeOutboundGroupSession(String roomId);

  /** Known devices of a user by device id; empty when never queried. */
  Map<String, Device> devices(String userId);

  /** Replaces the whole device list of a user (devices missing from the map are gone). */
  void saveDevices(String userId, Map<String, Device> devices);

  /** Users whose device lists we follow, with whether the list is outdated. */
  Map<String, Boolean> trackedUsers();

  /**
   * The tracked users whose device lists are outdated, in the order they were first tracked: what
   * the next key query asks for. Asked on every sync, so a store should not read every tracked user
   * to answer it.
   */
  default List<String> outdatedTrackedUsers() {
    return trackedUsers().entrySet().stream()
        .filter(Map.Entry::getValue)
        .map(Map.Entry::getKey)
        .toList();
  }

  void saveTrackedUser(String userId, boolean outdated);

  void removeTrackedUser(String userId);

  /** The event id first seen at this Megolm message index, for replay detection. */
  Optional<String> messageIndexOwner(String roomId, String sessionId, int index);

  void saveMessageIndexOwner(String roomId, String sessionId, int index, String eventId);

  List<StoredRequest> outgoingRequests();

  void saveOutgoingRequest(StoredRequest request);

  void removeOutgoingRequest(String id);

  List<PendingEvent> pendingEvents(String roomId, String sessionId);

  void savePendingEvent(PendingEvent event);

  void removePendingEvents(String roomId, String sessionId);

  /** Small named values (flags, request ids, withheld notices) that need no table of their own. */
  Optional<String> value(String key);

  void saveValue(String key, String value);

  void removeValue(String key);

  /** Inbound group sessions not yet in the server-side key backup, at most {@code limit}. */
  List<StoredInboundGroupSession> inboundGroupSessionsToBackUp(int limit);

  /** Records that these sessions (as given) are in the backup; a later save clears the mark. */
  void markBackedUp(List<StoredInboundGroupSession> sessions);

  /** Forgets every backed-up mark, for a new backup version. */
  void resetBackupState();
}
