package cd.chatrix.testkit.python;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Python, where the interop oracles (python3-olm, python3-matrix-nio) are installed; a
 * virtual environment or pyenv would not see them, so it is called by its full path.
 */
public final class SystemPython {
  public static final String PATH = "/usr/bin/python3";

  private SystemPython() {}

  /**
   * Fails loudly (never skips) unless the interpreter can import every module; the message names
   * the Debian packages to install.
   */
  public static void require(String debianPackages, String... modules) {
    String imports = "import " + String.join(", ", modules);
    try {
      Process probe = new ProcessBuilder(PATH, "-c", imports).redirectErrorStream(true).start();
      String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      boolean done = probe.waitFor(30, TimeUnit.SECONDS);
      if (!done || probe.exitValue() != 0) {
        throw new AssertionError(
            PATH
                + " cannot "
                + imports
                + " ("
                + out.strip()
                + "). Install Debian's "
                + debianPackages
                + " (apt-get install "
                + debianPackages
                + "); CI installs them.");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(PATH + " could not be started: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while probing " + PATH, e);
    }
  }
}
