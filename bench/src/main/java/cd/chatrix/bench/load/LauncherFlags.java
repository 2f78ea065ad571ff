package cd.chatrix.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options the {@code chatrixcd} launcher runs the bot with, read from the script itself
 * (its {@code jvm_opts=( ... )} block) so the bench measures the process users actually get, and
 * follows the launcher when its settings change.
 */
final class LauncherFlags {
  private LauncherFlags() {}

  /** {@code CHATRIXCD_JAVA_OPTS}, split on whitespace as the launcher does. */
  static List<String> extra(String options) {
    return options == null || options.isBlank()
        ? List.of()
        : List.of(options.strip().split("\\s+"));
  }

  static List<String> read(Path launcher) {
    List<String> lines;
    try {
      lines = Files.readAllLines(launcher);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the launcher " + launcher, e);
    }
    List<String> flags = new ArrayList<>();
    boolean inside = false;
    for (String line : lines) {
      String l = line.strip();
      if (!inside && l.startsWith("jvm_opts=(")) {
        inside = true;
        l = l.substring("jvm_opts=(".length()).strip();
      }
      if (!inside) {
        continue;
      }
      boolean last = l.endsWith(")");
      if (last) {
        l = l.substring(0, l.length() - 1).strip();
      }
      if (!l.isEmpty() && !l.startsWith("#")) {
        flags.addAll(List.of(l.split("\\s+")));
      }
      if (last) {
        break;
      }
    }
    if (flags.isEmpty()) {
      throw new IllegalStateException(
          "found no jvm_opts=( ... ) block in " + launcher + "; has the launcher changed?");
    }
    return flags;
  }
}
