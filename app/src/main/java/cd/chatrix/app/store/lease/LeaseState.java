package cd.chatrix.app.store.lease;

/**
 * The lease row as read: who holds it, in which epoch, and how long it has left by the database's
 * clock ({@code remainingMs} is negative once it expired).
 */
public record LeaseState(String holder, long epoch, long remainingMs) {

  /** Whether nobody may act on it any more, so another replica may take it. */
  public boolean expired() {
    return remainingMs <= 0;
  }
}
