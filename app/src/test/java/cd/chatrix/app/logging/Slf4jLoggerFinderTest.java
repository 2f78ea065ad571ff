package cd.chatrix.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ListResourceBundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Slf4jLoggerFinderTest {
  @TempDir Path temp;

  @AfterEach
  void restoreDefaults() {
    Logging.configure(LogSettings.defaults());
    SecretRegistry.clear();
  }

  @Test
  void theJdkFindsTheBridgeThroughTheServiceFile() {
    assertThat(System.LoggerFinder.getLoggerFinder()).isInstanceOf(Slf4jLoggerFinder.class);
  }

  @Test
  void systemLoggerLinesReachTheAppendersRedacted() throws IOException {
    Path file = temp.resolve("bridge.log");
    SecretRegistry.register("bridge-secret-value");
    Logging.configure(LogSettings.defaults().withConsole(false).withFile(file));
    System.Logger logger = System.getLogger("cd.chatrix.bot.BridgeProbe");

    logger.log(System.Logger.Level.INFO, "hello {0}, task {1}", "world", 7);
    logger.log(System.Logger.Level.DEBUG, "hidden at INFO");
    logger.log(
        System.Logger.Level.ERROR,
        "call failed",
        new IllegalStateException("token bridge-secret-value rejected"));
    logger.log(System.Logger.Level.WARNING, () -> "supplied warning");

    String out = Files.readString(file);
    assertThat(out)
        .contains("INFO ")
        .contains("cd.chatrix.bot.BridgeProbe - hello world, task 7")
        .contains("WARN ")
        .contains("supplied warning")
        .contains("ERROR")
        .contains("java.lang.IllegalStateException: token [REDACTED] rejected")
        .doesNotContain("hidden at INFO")
        .doesNotContain("bridge-secret-value");
    assertThat(logger.getName()).isEqualTo("cd.chatrix.bot.BridgeProbe");
  }

  @Test
  void levelsFollowTheVerbosity() {
    Logging.configure(LogSettings.defaults().withConsole(false));
    System.Logger project = System.getLogger("cd.chatrix.bot.Levels");
    System.Logger library = System.getLogger("org.example.Levels");
    assertThat(project.isLoggable(System.Logger.Level.INFO)).isTrue();
    assertThat(project.isLoggable(System.Logger.Level.DEBUG)).isFalse();
    Logging.configure(LogSettings.defaults().withConsole(false).withVerbosity(1));
    assertThat(project.isLoggable(System.Logger.Level.DEBUG)).isTrue();
    assertThat(library.isLoggable(System.Logger.Level.DEBUG)).isFalse();
    Logging.configure(LogSettings.defaults().withConsole(false).withVerbosity(2));
    assertThat(library.isLoggable(System.Logger.Level.DEBUG)).isTrue();
    assertThat(library.isLoggable(System.Logger.Level.TRACE)).isFalse();
    assertThat(library.isLoggable(System.Logger.Level.OFF)).isFalse();
  }

  @Test
  void resourceBundlesAndMalformedPatternsAreHandled() throws IOException {
    Path file = temp.resolve("bundle.log");
    Logging.configure(LogSettings.defaults().withConsole(false).withFile(file));
    System.Logger logger = System.getLogger("cd.chatrix.bot.Bundle");
    var bundle =
        new ListResourceBundle() {
          @Override
          protected Object[][] getContents() {
            return new Object[][] {{"greeting", "Bonjour {0}"}};
          }
        };
    logger.log(System.Logger.Level.INFO, bundle, "greeting", "monde");
    logger.log(System.Logger.Level.INFO, "broken {0", "arg");
    String out = Files.readString(file);
    assertThat(out).contains("Bonjour monde").contains("broken {0 [arg]");
  }
}
