package cd.chatrix.app.store.bot;

import cd.chatrix.app.store.sql.Store;
import cd.chatrix.bot.store.Stores;
import java.nio.file.Path;

/** Builds the bot's {@link Stores} on the app's database and the aliases file. */
public final class SqlStores {
  private SqlStores() {}

  /**
   * The bot's stores on {@code store}, which must have been opened with {@code Schema.MIGRATIONS};
   * aliases live in {@code aliasesFile}.
   *
   * @throws IllegalStateException when the database lacks the bot's tables
   */
  public static Stores open(Store store, Path aliasesFile) {
    if (store.schemaVersion() < BotTables.BOT_RUNS_VERSION) {
      throw new IllegalStateException(
          "The store "
              + store.location()
              + " is at schema version "
              + store.schemaVersion()
              + " but the bot's tables need version "
              + BotTables.BOT_RUNS_VERSION
              + "; open it with Schema.MIGRATIONS.");
    }
    return new Stores(
        new SqlConfirmationStore(store),
        new SqlRunStore(store),
        new SqlAuditLog(store),
        new FileAliasStore(aliasesFile),
        new SqlRoomSettingsStore(store),
        new SqlFormStore(store));
  }
}
