package cd.chatrix.matrix.sync;

/**
 * Sees every sync response in the sync loop itself, before room events are dispatched: room state
 * caches, invite handling and the crypto machine (to-device events, device lists, key counts). Must
 * be quick; slow work belongs on another thread.
 */
@FunctionalInterface
public interface SyncListener {
  void onSync(SyncBatch batch);
}
