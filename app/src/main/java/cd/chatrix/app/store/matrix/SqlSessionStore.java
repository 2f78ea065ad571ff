package cd.chatrix.app.store.matrix;

import cd.chatrix.app.logging.SecretRegistry;
import cd.chatrix.app.store.sql.KeyValueStore;
import cd.chatrix.matrix.auth.Session;
import cd.chatrix.matrix.auth.SessionCodec;
import cd.chatrix.matrix.auth.SessionStore;
import java.util.Optional;

/**
 * The bot's Matrix session (user, device, tokens) as one JSON value in the store's key/value table.
 * The database file is private to the bot's user; nothing here logs the value. Every session that
 * passes through here (loaded at start, saved after a login or a renewal) has its tokens registered
 * with the log redactor, so a renewed token is as hidden as the first one.
 */
public final class SqlSessionStore implements SessionStore {
  static final String NAMESPACE = "matrix.auth";
  static final String KEY = "session";

  private final KeyValueStore values;

  public SqlSessionStore(KeyValueStore values) {
    this.values = values;
  }

  @Override
  public Optional<Session> load() {
    Optional<Session> session = values.get(NAMESPACE, KEY).map(SessionCodec::decode);
    session.ifPresent(SqlSessionStore::hideTokens);
    return session;
  }

  @Override
  public void save(Session session) {
    hideTokens(session); // before anything else can log them
    values.put(NAMESPACE, KEY, SessionCodec.encode(session));
  }

  private static void hideTokens(Session session) {
    SecretRegistry.register(session.accessToken());
    session.refreshToken().ifPresent(SecretRegistry::register);
  }

  /** Forgets the session (for a deliberate re-login on a new device); the device id goes too. */
  public void clear() {
    values.delete(NAMESPACE, KEY);
  }
}
