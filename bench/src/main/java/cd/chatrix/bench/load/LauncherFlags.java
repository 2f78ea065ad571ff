package cd.chatrix.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How the {@code chatrixcd} launcher would start the bot, asked of the launcher itself ({@code
 * CHATRIXCD_SHOW_JVM=1}, which neither builds nor trains): its java binary, its JVM options with
 * {@code $CHATRIXCD_JAVA_OPTS}, and its AOT cache when one is trained for its jar. So the bench
 * measures the process users actually get, and follows the launcher when its settings change.
 *
 * @param java the java binary
 * @param options the JVM options, without the AOT cache's
 * @param aotCache the cache the launcher would use, if any ({@code CHATRIXCD_AOT=off} for none)
 */
record LauncherFlags(Path java, List<String> options, Optional<Path> aotCache) {
  private static final String AOT_CACHE = "-XX:AOTCache=";
  private static final String AOT_MODE = "-XX:AOTMode=";

  static LauncherFlags ask(Path launcher) {
    List<String> lines;
    try {
      // The bench's own environment goes with it: CHATRIXCD_JAVA_OPTS and CHATRIXCD_AOT count.
      ProcessBuilder builder =
          new ProcessBuilder(launcher.toString()).redirectError(ProcessBuilder.Redirect.INHERIT);
      builder.environment().put("CHATRIXCD_SHOW_JVM", "1");
      Process p = builder.start();
      lines =
          new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || lines.size() < 2) {
        throw new IllegalStateException(
            "the launcher " + launcher + " did not show its JVM options (CHATRIXCD_SHOW_JVM=1)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not ask the launcher " + launcher, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking the launcher", e);
    }
    return parse(lines);
  }

  static LauncherFlags parse(List<String> lines) {
    List<String> options = new ArrayList<>();
    Optional<Path> cache = Optional.empty();
    for (String option : lines.subList(1, lines.size())) {
      if (option.startsWith(AOT_CACHE)) {
        cache = Optional.of(Path.of(option.substring(AOT_CACHE.length())));
      } else if (!option.startsWith(AOT_MODE) && !option.isBlank()) {
        options.add(option);
      }
    }
    return new LauncherFlags(Path.of(lines.getFirst()), List.copyOf(options), cache);
  }
}
