package cd.chatrix.app.store;

import cd.chatrix.app.config.ChatrixConfig;
import cd.chatrix.app.config.StoreConfig;
import cd.chatrix.app.store.sql.Dialect;
import cd.chatrix.app.store.sql.Store;

/**
 * The database the configuration's {@code store} section names, opened with this build's schema.
 */
public final class ConfiguredStore {
  private ConfiguredStore() {}

  /** Opens the configured store and brings it up to {@link Schema#MIGRATIONS}. */
  public static Store open(ChatrixConfig config) {
    return Store.open(dialect(config), Schema.MIGRATIONS);
  }

  /**
   * The configured engine and place (SQLite's directory is {@code matrix.store_path} by default).
   */
  public static Dialect dialect(ChatrixConfig config) {
    StoreConfig store = config.store();
    return switch (store.type()) {
      case SQLITE -> Dialect.sqlite(store.sqliteDirectory(config.matrix()));
      case POSTGRESQL -> postgres(store);
    };
  }

  /** The PostgreSQL database {@code store} names, whatever its {@code type} says. */
  public static Dialect postgres(StoreConfig store) {
    return Dialect.postgres(
        store.url(),
        store.user(),
        store.password().reveal(),
        store.lease().duration(),
        store.lease().renew());
  }
}
