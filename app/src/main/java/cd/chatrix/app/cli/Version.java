package cd.chatrix.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The build's version, read from a resource that Maven fills in at build time. */
public final class Version {
  private static final String CURRENT = load();

  private Version() {}

  /** The version string, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String current() {
    return CURRENT;
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version", "unknown");
      // An unfiltered resource (running from an IDE without Maven) still says something sensible.
      return version.startsWith("${") ? "dev" : version;
    } catch (IOException e) {
      throw new UncheckedIOException("The build's version file cannot be read", e);
    }
  }
}
