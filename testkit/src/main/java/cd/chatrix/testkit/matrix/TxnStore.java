package cd.chatrix.testkit.matrix;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Remembers the answer to every transactional PUT, keyed by device and request path, so a client
 * that retries a send with the same transaction id gets the same event id instead of a duplicate.
 */
final class TxnStore {
  private final Map<String, JsonNode> answers = new HashMap<>();

  Optional<JsonNode> answer(Session session, String path) {
    return Optional.ofNullable(answers.get(key(session, path)));
  }

  void remember(Session session, String path, JsonNode answer) {
    answers.put(key(session, path), answer);
  }

  private static String key(Session session, String path) {
    return session.userId() + "|" + session.deviceId() + "|" + Router.canonical(path);
  }
}
