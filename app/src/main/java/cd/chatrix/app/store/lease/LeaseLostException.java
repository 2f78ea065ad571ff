package cd.chatrix.app.store.lease;

import cd.chatrix.app.store.sql.StoreException;

/**
 * A transaction refused because this process no longer holds the lease epoch it started with:
 * another replica took over, and what this one wanted to write must not happen.
 */
public final class LeaseLostException extends StoreException {
  private static final long serialVersionUID = 1L;

  LeaseLostException(long epoch) {
    super(
        "This replica lost the leader lease (epoch "
            + epoch
            + ") to another one; it writes nothing more.");
  }
}
