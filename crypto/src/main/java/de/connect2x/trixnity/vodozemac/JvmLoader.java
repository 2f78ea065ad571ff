package de.connect2x.trixnity.vodozemac;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;

/**
 * Stands in for the binding's own class of this name, so vodozemac's native library is extracted
 * and loaded once per process instead of once per binding class.
 *
 * <p>The binding (trixnity-vodozemac 5.0.1) calls {@code JvmLoader.INSTANCE.load("vodozemac")} from
 * the static initializer of each of its 24 {@code *Bindings} classes, and its loader copies the
 * library to a new temporary file every time and loads that: a bot that had set up an account and a
 * room session mapped six copies (1.5 MB each, and their writable data), and a copy the JVM never
 * got to delete stayed in the temporary directory after a {@code kill -9}. The JNI methods resolve
 * against any loaded copy, so one is enough.
 *
 * <p>This class is found first because the class path lists the crypto module before the binding it
 * depends on (Maven's order, and in tests {@code target/classes} comes first); {@code
 * VodozemacLoadsOnceTest} and {@code IdleFootprintIT} fail should that ever change. Its surface is
 * what the binding's compiled code uses: {@code INSTANCE} and {@code load(String)}. When the
 * binding is upgraded, check that its loader still has this shape (or loads once by itself, and
 * then delete this file).
 */
public final class JvmLoader {
  public static final JvmLoader INSTANCE = new JvmLoader();

  private final Set<String> loaded = new HashSet<>();

  private JvmLoader() {}

  /** Loads {@code lib<name>} from the binding's jar, once per process. */
  public synchronized void load(String name) {
    if (loaded.contains(name)) {
      return;
    }
    String file = System.mapLibraryName(name);
    String resource = "/natives/" + platform() + "/" + file;
    try (InputStream in = JvmLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new UnsatisfiedLinkError(
            "vodozemac has no native library for this platform: " + resource);
      }
      Path copy = Files.createTempFile("chatrixcd-" + name, "-" + file);
      try {
        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        System.load(copy.toString());
      } finally {
        forget(copy);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not extract vodozemac's native library", e);
    }
    loaded.add(name);
  }

  /**
   * Deletes the copy at once: a loaded library stays mapped without its file, so nothing is left
   * behind even by a {@code kill -9}. Windows refuses while the library is loaded: then at exit.
   */
  private static void forget(Path copy) {
    try {
      Files.deleteIfExists(copy);
    } catch (IOException e) {
      copy.toFile().deleteOnExit();
    }
  }

  /** The binding's own folder name, e.g. {@code linux-x86-64}; it refuses platforms it lacks. */
  private static String platform() {
    Os os = Os.Companion.of(System.getProperty("os.name", ""));
    Architecture arch = Architecture.Companion.of(System.getProperty("os.arch", ""));
    return os.getName() + "-" + arch.getName();
  }
}
