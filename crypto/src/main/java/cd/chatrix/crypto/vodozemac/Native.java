package cd.chatrix.crypto.vodozemac;

import cd.chatrix.crypto.engine.CryptoException;
import java.util.function.Supplier;

/**
 * Translates the binding's failures. Kotlin throws the checked {@code VodozemacException} without
 * declaring it, so Java cannot catch it by type; everything is caught here and rethrown unchecked.
 */
final class Native {
  private Native() {}

  static <T> T call(String what, Supplier<T> action) {
    try {
      return action.get();
    } catch (CryptoException e) {
      throw e;
    } catch (Exception e) {
      throw new CryptoException(what + " failed: " + e.getMessage(), e);
    }
  }

  static void run(String what, Runnable action) {
    call(
        what,
        () -> {
          action.run();
          return null;
        });
  }
}
