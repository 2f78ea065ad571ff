package cd.chatrix.app.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md walks one command through the code naming files as {@code module/.../Name.java};
 * a walk that names a file which was moved or deleted sends a newcomer nowhere.
 */
class ArchitectureDocTest {
  private static final Path ROOT = Path.of("..");
  private static final Pattern NAMED_FILE =
      Pattern.compile("`((app|bot|matrix|crypto|semaphore|testkit)/\\.\\.\\./([^`]+\\.java))`");

  @Test
  void everyFileTheWalkNamesExists() throws IOException {
    String doc = Files.readString(ROOT.resolve("ARCHITECTURE.md"));
    Matcher named = NAMED_FILE.matcher(doc);
    List<String> checked = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    while (named.find()) {
      checked.add(named.group(1));
      // Main or test sources: the walk may name the test that proves a step.
      Path sources = ROOT.resolve(named.group(2)).resolve("src");
      String tail = "/" + named.group(3);
      try (Stream<Path> files = Files.walk(sources)) {
        if (files.noneMatch(f -> f.toString().replace('\\', '/').endsWith(tail))) {
          missing.add(named.group(1));
        }
      }
    }
    assertThat(checked).as("the walk names files at all").hasSizeGreaterThan(10);
    assertThat(missing).as("files ARCHITECTURE.md names that do not exist").isEmpty();
  }
}
