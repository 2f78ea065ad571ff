package cd.chatrix.matrix.sync;

import java.util.function.Supplier;

/**
 * The sync state store failed (the app's database, not the homeserver): the sync loop tells the two
 * apart, since only the app knows when its store is back ({@link SyncEngine#retryNow}).
 */
final class StateStoreFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private StateStoreFailure(RuntimeException cause) {
    super(cause.getMessage(), cause, false, false);
  }

  /** {@code call}, a call into the sync state store, with its failure marked as the store's. */
  static <T> T around(Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw new StateStoreFailure(e);
    }
  }
}
