package cd.chatrix.app.store.bot;

import cd.chatrix.bot.store.AuditLog;
import cd.chatrix.bot.store.ConfirmationStore;
import cd.chatrix.bot.store.InMemoryAuditLog;
import cd.chatrix.bot.store.InMemoryConfirmationStore;
import cd.chatrix.bot.store.InMemoryRoomSettingsStore;
import cd.chatrix.bot.store.InMemoryRunStore;
import cd.chatrix.bot.store.RoomSettingsStore;
import cd.chatrix.bot.store.RunStore;
import org.junit.jupiter.api.Nested;

/**
 * The store contracts run against the bot's in-memory stores: the reference the SQL stores must
 * match. If one of these fails, the contract (not the SQL code) is what is wrong.
 */
class InMemoryStoresContractTest {

  @Nested
  class Confirmations extends ConfirmationStoreContract {
    private final ConfirmationStore store = new InMemoryConfirmationStore();

    @Override
    ConfirmationStore store() {
      return store;
    }
  }

  @Nested
  class Runs extends RunStoreContract {
    private final RunStore store = new InMemoryRunStore();

    @Override
    RunStore store() {
      return store;
    }
  }

  @Nested
  class Audit extends AuditLogContract {
    private final AuditLog log = new InMemoryAuditLog();

    @Override
    AuditLog log() {
      return log;
    }
  }

  @Nested
  class Rooms extends RoomSettingsStoreContract {
    private final RoomSettingsStore store = new InMemoryRoomSettingsStore();

    @Override
    RoomSettingsStore store() {
      return store;
    }
  }
}
