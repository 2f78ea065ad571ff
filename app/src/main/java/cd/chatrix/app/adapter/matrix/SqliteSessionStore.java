package cd.chatrix.app.adapter.matrix;

import cd.chatrix.app.store.KeyValueStore;
import cd.chatrix.matrix.auth.Session;
import cd.chatrix.matrix.auth.SessionCodec;
import cd.chatrix.matrix.auth.SessionStore;
import java.util.Optional;

/**
 * The bot's Matrix session (user, device, tokens) as one JSON value in the store's key/value table.
 * The database file is private to the bot's user; nothing here logs the value.
 */
public final class SqliteSessionStore implements SessionStore {
  static final String NAMESPACE = "matrix.auth";
  static final String KEY = "session";

  private final KeyValueStore values;

  public SqliteSessionStore(KeyValueStore values) {
    this.values = values;
  }

  @Override
  public Optional<Session> load() {
    return values.get(NAMESPACE, KEY).map(SessionCodec::decode);
  }

  @Override
  public void save(Session session) {
    values.put(NAMESPACE, KEY, SessionCodec.encode(session));
  }

  /** Forgets the session (for a deliberate re-login on a new device); the device id goes too. */
  public void clear() {
    values.delete(NAMESPACE, KEY);
  }
}
