package cd.chatrix.app.wiring.store;

import cd.chatrix.app.store.Store;
import cd.chatrix.bot.store.Stores;
import java.nio.file.Path;

/** Builds the bot's {@link Stores} on the app's database and the aliases file. */
public final class SqlStores {
  private SqlStores() {}

  /**
   * The bot's stores on {@code store}, which must have been opened with {@link WiringSchema#all()};
   * aliases live in {@code aliasesFile}.
   *
   * @throws IllegalStateException when the database lacks the bot's tables
   */
  public static Stores open(Store store, Path aliasesFile) {
    if (store.schemaVersion() < WiringSchema.BOT_RUNS_VERSION) {
      throw new IllegalStateException(
          "The store "
              + store.databaseFile()
              + " is at schema version "
              + store.schemaVersion()
              + " but the bot's tables need version "
              + WiringSchema.BOT_RUNS_VERSION
              + "; open it with WiringSchema.all() as its migrations.");
    }
    return new Stores(
        new SqlConfirmationStore(store),
        new SqlRunStore(store),
        new SqlAuditLog(store),
        new FileAliasStore(aliasesFile),
        new SqlRoomSettingsStore(store));
  }
}
