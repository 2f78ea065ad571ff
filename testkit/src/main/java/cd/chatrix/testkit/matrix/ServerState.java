package cd.chatrix.testkit.matrix;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Everything the homeserver knows, behind one lock. A test server handles a handful of requests at
 * a time, so one lock keeps every store consistent without per-store reasoning; /sync long-polls
 * wait on its condition and wake whenever the stream position moves.
 */
final class ServerState {
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  final String serverName;
  final Dialect dialect;
  final Accounts accounts;
  final RoomStore rooms;
  final KeyStore keys;
  final ToDeviceStore toDevice;
  final MediaStore media;
  final FilterStore filters;
  final TxnStore txns;
  final AccountDataStore accountData;
  final EphemeralStore ephemeral;
  final KeyBackupStore keyBackup = new KeyBackupStore();
  final SyncPause syncPause;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private long position;
  private volatile boolean closed;
  private volatile int maxEventSize = 65536;

  ServerState(String serverName, Dialect dialect) {
    this.serverName = serverName;
    this.dialect = dialect;
    this.txns = new TxnStore(dialect);
    this.accounts = new Accounts(this);
    this.rooms = new RoomStore(this);
    this.keys = new KeyStore(this);
    this.toDevice = new ToDeviceStore(this);
    this.media = new MediaStore(this);
    this.filters = new FilterStore();
    this.accountData = new AccountDataStore(this);
    this.ephemeral = new EphemeralStore(this);
    this.syncPause = new SyncPause(this);
  }

  /** Allocates the next stream position; callers hold the lock. Waiting syncs are woken. */
  long nextPosition() {
    position++;
    changed.signalAll();
    return position;
  }

  long position() {
    return position;
  }

  <T> T locked(Supplier<T> work) {
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }

  void locked(Runnable work) {
    locked(() -> {
      work.run();
      return null;
    });
  }

  /** Waits for a stream change while holding the lock; returns false once the deadline passed. */
  boolean awaitChange(long deadlineNanos) {
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0 || closed) {
      return false;
    }
    try {
      changed.await(left, TimeUnit.NANOSECONDS);
      return !closed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  void wakeAll() {
    locked(changed::signalAll);
  }

  void close() {
    closed = true;
    wakeAll();
  }

  int maxEventSize() {
    return maxEventSize;
  }

  void maxEventSize(int bytes) {
    maxEventSize = bytes;
  }

  /** An id over [A-Za-z0-9] for rooms, events and media: unique enough, not a secret. */
  static String randomId(int length) {
    java.util.concurrent.ThreadLocalRandom random =
        java.util.concurrent.ThreadLocalRandom.current();
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }
}
