package cd.chatrix.app.adapter.crypto;

import cd.chatrix.testkit.python.SystemPython;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The matrix-nio scripts of {@code e2ee/}, unpacked where the system Python can run them. */
final class NioScripts {
  private NioScripts() {}

  /**
   * Checks that nio and libolm are installed (failing loudly otherwise), then copies {@code name}
   * and the module it imports into {@code dir}; returns the script's path.
   */
  static Path unpack(Path dir, String name) {
    SystemPython.require("python3-olm python3-matrix-nio", "olm", "nio");
    copy(dir, "nio_common.py");
    return copy(dir, name);
  }

  private static Path copy(Path dir, String name) {
    Path target = dir.resolve(name);
    try (InputStream in = NioScripts.class.getResourceAsStream("/e2ee/" + name)) {
      if (in == null) {
        throw new IllegalStateException("e2ee/" + name + " is not on the test classpath");
      }
      Files.copy(in, target);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
