package cd.chatrix.bench.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One way of starting the bot: either {@code java <jvmFlags> -jar chatrixcd.jar}, or a launcher
 * script (its own flags, plus {@code jvmFlags} through CHATRIXCD_JAVA_OPTS).
 *
 * @param name short label for the report
 * @param jvmFlags JVM options, space separated
 * @param launcher whether to go through a launcher script
 * @param script the launcher script; empty for the repository's {@code ./chatrixcd}
 */
record Variant(String name, String jvmFlags, boolean launcher, Optional<Path> script) {

  /**
   * Parses {@code name=flags} (direct java), {@code name=launcher:flags} (./chatrixcd) or {@code
   * name=launcher@/path/to/script:flags} (another launcher, e.g. an older version to compare).
   */
  static Variant parse(String spec) {
    int eq = spec.indexOf('=');
    if (eq < 1) {
      throw new IllegalArgumentException("a variant is name=flags or name=launcher:flags: " + spec);
    }
    String name = spec.substring(0, eq);
    String rest = spec.substring(eq + 1);
    if (rest.startsWith("launcher:")) {
      return new Variant(
          name, rest.substring("launcher:".length()).strip(), true, Optional.empty());
    }
    if (rest.startsWith("launcher@") && rest.indexOf(':') > 0) {
      int colon = rest.indexOf(':');
      Path script = Path.of(rest.substring("launcher@".length(), colon));
      return new Variant(name, rest.substring(colon + 1).strip(), true, Optional.of(script));
    }
    return new Variant(name, rest.strip(), false, Optional.empty());
  }

  List<String> command(Path java, Path repo, List<String> botArgs) {
    List<String> command = new ArrayList<>();
    if (launcher) {
      Path path = script.orElse(repo.resolve("chatrixcd"));
      command.addAll(List.of("bash", path.toString()));
    } else {
      command.add(java.toString());
      command.add("--enable-native-access=ALL-UNNAMED");
      command.addAll(flags());
      command.addAll(List.of("-jar", repo.resolve("app/target/chatrixcd.jar").toString()));
    }
    command.addAll(botArgs);
    return command;
  }

  Map<String, String> environment(Path java) {
    return launcher
        ? Map.of(
            "CHATRIXCD_JAVA_OPTS", jvmFlags, "JAVA_HOME", java.getParent().getParent().toString())
        : Map.of();
  }

  private List<String> flags() {
    return jvmFlags.isBlank() ? List.of() : Arrays.asList(jvmFlags.split("\\s+"));
  }
}
