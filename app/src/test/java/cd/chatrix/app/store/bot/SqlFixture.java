package cd.chatrix.app.store.bot;

import cd.chatrix.app.store.Schema;
import cd.chatrix.app.store.sql.Store;
import java.nio.file.Path;

/**
 * Opens (and reopens, to simulate a restart) a store with this build's migrations in a directory.
 */
final class SqlFixture implements AutoCloseable {
  private final Path dir;
  private Store store;

  SqlFixture(Path dir) {
    this.dir = dir;
    this.store = Store.open(dir, Schema.MIGRATIONS);
  }

  Store store() {
    return store;
  }

  /** Closes the database and opens it again, as a restart of the bot would. */
  Store restart() {
    store.close();
    store = Store.open(dir, Schema.MIGRATIONS);
    return store;
  }

  @Override
  public void close() {
    store.close();
  }
}
