package cd.chatrix.app.store.bot;

import cd.chatrix.app.store.Schema;
import cd.chatrix.app.store.sql.Dialect;
import cd.chatrix.app.store.sql.Store;

/** Opens (and reopens, to simulate a restart) a store with this build's migrations. */
final class SqlFixture implements AutoCloseable {
  private final Dialect database;
  private Store store;

  SqlFixture(Dialect database) {
    this.database = database;
    this.store = Store.open(database, Schema.MIGRATIONS);
  }

  Store store() {
    return store;
  }

  /** Closes the database and opens it again, as a restart of the bot would. */
  Store restart() {
    store.close();
    store = Store.open(database, Schema.MIGRATIONS);
    return store;
  }

  @Override
  public void close() {
    store.close();
  }
}
