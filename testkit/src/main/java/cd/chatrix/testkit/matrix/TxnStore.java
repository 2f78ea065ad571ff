package cd.chatrix.testkit.matrix;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Remembers the answer to every transactional PUT, so a client that retries a send with the same
 * transaction id gets the same event id instead of a duplicate. The key is the dialect's {@link
 * Dialect#transactionsPerAccessToken() transaction scope} plus the request path.
 */
final class TxnStore {
  private final Map<String, JsonNode> answers = new HashMap<>();
  private final boolean perAccessToken;

  TxnStore(Dialect dialect) {
    this.perAccessToken = dialect.transactionsPerAccessToken();
  }

  Optional<JsonNode> answer(Session session, String path) {
    return Optional.ofNullable(answers.get(key(session, path)));
  }

  void remember(Session session, String path, JsonNode answer) {
    answers.put(key(session, path), answer);
  }

  private String key(Session session, String path) {
    if (perAccessToken) {
      // The exact path: r0 and v3 are two transactions to such a server.
      return session.accessToken() + "|" + path;
    }
    return session.userId() + "|" + session.deviceId() + "|" + Router.canonical(path);
  }
}
