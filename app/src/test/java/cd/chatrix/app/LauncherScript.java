package cd.chatrix.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The repository's {@code ./chatrixcd} launcher, started the way an operator starts it. */
final class LauncherScript {
  /** The repository's root: the app's tests run in {@code app/}. */
  static final Path REPO = Path.of("").toAbsolutePath().getParent();

  private LauncherScript() {}

  /**
   * {@code bash ./chatrixcd args…} in {@code workDir}, not started yet: the caller sets its input,
   * output and environment.
   */
  static ProcessBuilder in(Path workDir, String... args) {
    List<String> command = new ArrayList<>(List.of("bash", REPO.resolve("chatrixcd").toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).directory(workDir.toFile());
  }
}
