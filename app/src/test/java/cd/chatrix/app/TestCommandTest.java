package cd.chatrix.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's test command is what CI runs, and it runs on a machine whose default {@code java} is
 * older than 25 without anyone setting {@code JAVA_HOME} first.
 */
class TestCommandTest {
  private static final Path REPO = Path.of("").toAbsolutePath().getParent();

  @TempDir Path dir;

  private static String readmeTestCommand() throws IOException {
    Matcher m =
        Pattern.compile("(?m)^(\\./\\S+(?: \\S+)*?)\\s+# run every test")
            .matcher(Files.readString(REPO.resolve("README.md")));
    assertThat(m.find()).as("README names the test command").isTrue();
    return m.group(1);
  }

  @Test
  void ciRunsExactlyTheReadmesTestCommand() throws IOException {
    List<String> commands =
        Files.readString(REPO.resolve(".ci/run"))
            .lines()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
    assertThat(commands.getLast()).isEqualTo(readmeTestCommand());
  }

  @Test
  void theTestCommandFindsAJdk25WhenTheDefaultJavaIsOlder() throws Exception {
    String command = readmeTestCommand();
    assertThat(REPO.resolve(command.split(" ")[0])).isExecutable();
    // A shell as on a fresh machine: only the system's PATH (whose java may be 17), no JAVA_HOME.
    ProcessBuilder builder =
        new ProcessBuilder("bash", REPO.resolve(command.split(" ")[0]).toString(), "--version")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("out").toFile());
    Map<String, String> env = builder.environment();
    Map<String, String> kept = new HashMap<>();
    for (String name : List.of("HOME", "USER", "LANG", "TMPDIR")) {
      if (env.containsKey(name)) {
        kept.put(name, env.get(name));
      }
    }
    env.clear();
    env.putAll(kept);
    env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String out = Files.readString(dir.resolve("out"), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(out).isZero();
    Matcher version = Pattern.compile("Java version: (\\d+)").matcher(out);
    assertThat(version.find()).as(out).isTrue();
    assertThat(Integer.parseInt(version.group(1))).isGreaterThanOrEqualTo(25);
  }
}
