package cd.chatrix.testkit.matrix;

/** The pause switch for /sync, shared between {@link Faults} and the sync endpoint. */
final class SyncPause {
  private final ServerState state;
  private volatile boolean paused;

  SyncPause(ServerState state) {
    this.state = state;
  }

  void set(boolean value) {
    paused = value;
    state.wakeAll();
  }

  boolean paused() {
    return paused;
  }
}
