package cd.chatrix.testkit.matrix;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Remembers the answer to every transactional PUT, so a client that retries a send with the same
 * transaction id gets the same event id instead of a duplicate. The key is the dialect's {@link
 * Dialect#transactionsPerAccessToken() transaction scope} plus the request path.
 *
 * <p>Like Synapse, and never longer, it forgets: its HTTP transaction cache ({@code
 * synapse/rest/client/transactions.py}, {@code CLEANUP_PERIOD_MS}) drops an answer 30 to 60 minutes
 * after the first request, so that is all a to-device retry gets; room events are also deduplicated
 * through the {@code event_txn_id} table, whose rows {@code
 * EventsWorkerStore._cleanup_old_transaction_ids} deletes once they are a day old. This store takes
 * the short end of each: 30 minutes, and 24 hours for room events. A retry after that makes a
 * second event or message, as it would there. {@link #pass} moves this store's clock on, so a test
 * can show a client what a long outage does.
 */
final class TxnStore {
  /** Synapse's HTTP transaction cache: entries live at least this long. */
  static final Duration HTTP_CACHE = Duration.ofMinutes(30);

  /** Synapse's {@code event_txn_id} rows: deleted once older than a day. */
  static final Duration ROOM_EVENTS = Duration.ofHours(24);

  private record Remembered(JsonNode answer, long atNanos, Duration keptFor) {}

  private final Map<String, Remembered> answers = new HashMap<>();
  private final boolean perAccessToken;
  private long passedNanos;

  TxnStore(Dialect dialect) {
    this.perAccessToken = dialect.transactionsPerAccessToken();
  }

  Optional<JsonNode> answer(Session session, String path) {
    String key = key(session, path);
    Remembered r = answers.get(key);
    if (r == null) {
      return Optional.empty();
    }
    if (now() - r.atNanos() >= r.keptFor().toNanos()) {
      answers.remove(key);
      return Optional.empty();
    }
    return Optional.of(r.answer());
  }

  /** Remembers the answer for as long as the real server would at least; see the class notes. */
  void remember(Session session, String path, JsonNode answer, Duration keptFor) {
    answers.put(key(session, path), new Remembered(answer, now(), keptFor));
  }

  /** Time passes for the remembered answers (and only for them). */
  void pass(Duration time) {
    passedNanos += time.toNanos();
  }

  private long now() {
    return System.nanoTime() + passedNanos;
  }

  private String key(Session session, String path) {
    if (perAccessToken) {
      // The exact path: r0 and v3 are two transactions to such a server.
      return session.accessToken() + "|" + path;
    }
    return session.userId() + "|" + session.deviceId() + "|" + Router.canonical(path);
  }
}
