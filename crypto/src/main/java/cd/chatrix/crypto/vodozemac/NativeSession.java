package cd.chatrix.crypto.vodozemac;

import cd.chatrix.crypto.engine.PickleKey;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the three session wrappers share: an id, a sealed pickle and closing the native object. The
 * binding's session types have no common supertype, so each wrapper hands in its own three calls.
 */
abstract class NativeSession {
  private final Supplier<String> id;
  private final Function<PickleKey, String> pickler;
  private final Runnable closer;

  NativeSession(Supplier<String> id, Function<PickleKey, String> pickler, Runnable closer) {
    this.id = id;
    this.pickler = pickler;
    this.closer = closer;
  }

  public String sessionId() {
    return id.get();
  }

  public String pickle(PickleKey key) {
    return pickler.apply(key);
  }

  public void close() {
    closer.run();
  }
}
