package cd.chatrix.matrix.auth;

import java.util.Optional;

/**
 * Persists the one session of the bot. The app keeps it in its database; every renewal is saved at
 * once so a crash right after a refresh does not leave the store with a revoked refresh token.
 */
public interface SessionStore {
  Optional<Session> load();

  void save(Session session);
}
