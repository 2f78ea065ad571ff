package cd.chatrix.crypto.engine;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The plaintexts one {@link PickleKey} instance has recently sealed or opened, keyed by the exact
 * sealed string and its kind. Opening a ~1 KB pickle with AES-GCM costs tens of microseconds on a
 * C1-only JIT and the encrypted path opens one per message, so a hit here saves most of that.
 *
 * <p>Why it is safe: a sealed string names one plaintext forever (its random nonce and tag are part
 * of the key), so a value another bot instance writes to the shared store is a different key and a
 * miss; nothing can be served stale. The cache belongs to one key instance, so a wrong pickle key
 * never sees another key's plaintexts and still fails GCM authentication. It is bounded in entries
 * and bytes; a plaintext leaving it is zeroed, and callers get copies.
 */
final class OpenedSecrets {
  static final int MAX_ENTRIES = 128;

  /** Sealed characters plus plaintext bytes, all entries together. */
  static final int MAX_BYTES = 512 * 1024;

  private record Slot(String kind, String sealed) {}

  private final LinkedHashMap<Slot, byte[]> entries = new LinkedHashMap<>(16, 0.75f, true);
  private int bytes;

  synchronized Optional<byte[]> get(String kind, String sealed) {
    byte[] plain = entries.get(new Slot(kind, sealed));
    return plain == null ? Optional.empty() : Optional.of(plain.clone());
  }

  synchronized void put(String kind, String sealed, byte[] plain) {
    int size = sealed.length() + plain.length;
    if (size > MAX_BYTES / 8) {
      return; // one huge secret must not flush everything else
    }
    Slot slot = new Slot(kind, sealed);
    byte[] previous = entries.put(slot, plain.clone());
    if (previous != null) {
      bytes -= sealed.length() + previous.length;
      Arrays.fill(previous, (byte) 0);
    }
    bytes += size;
    Iterator<Map.Entry<Slot, byte[]>> eldest = entries.entrySet().iterator();
    while ((entries.size() > MAX_ENTRIES || bytes > MAX_BYTES) && eldest.hasNext()) {
      Map.Entry<Slot, byte[]> e = eldest.next();
      bytes -= e.getKey().sealed().length() + e.getValue().length;
      Arrays.fill(e.getValue(), (byte) 0);
      eldest.remove();
    }
  }

  synchronized void forget(String kind, String sealed) {
    byte[] plain = entries.remove(new Slot(kind, sealed));
    if (plain != null) {
      bytes -= sealed.length() + plain.length;
      Arrays.fill(plain, (byte) 0);
    }
  }

  /** The stored array itself, not a copy: lets tests see that a leaving plaintext is zeroed. */
  synchronized byte[] peekForTest(String kind, String sealed) {
    return entries.get(new Slot(kind, sealed));
  }

  synchronized int size() {
    return entries.size();
  }

  synchronized int bytes() {
    return bytes;
  }
}
