package cd.chatrix.app.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LoggingTest {
  static final String SECRET = "Zq9-very-Secret-Value-77";

  @TempDir Path temp;
  ByteArrayOutputStream consoleBytes = new ByteArrayOutputStream();
  PrintStream console = new PrintStream(consoleBytes, true, StandardCharsets.UTF_8);
  Logger project = LoggerFactory.getLogger("cd.chatrix.app.LoggingProbe");
  Logger library = LoggerFactory.getLogger("org.example.Library");

  @BeforeEach
  void registerSecret() {
    SecretRegistry.register(SECRET);
  }

  @AfterEach
  void restoreDefaults() {
    Logging.configure(LogSettings.defaults());
    SecretRegistry.clear();
    MDC.clear();
  }

  String consoleText() {
    return consoleBytes.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "verbosity {0}, json {1}")
  @CsvSource({"0,false", "1,false", "2,false", "0,true", "1,true", "2,true"})
  void aKnownSecretNeverReachesAnyOutput(int verbosity, boolean json)
      throws IOException, InterruptedException {
    Path file = temp.resolve("logs/chatrixcd.log");
    Logging.configure(
        LogSettings.defaults().withFile(file).withVerbosity(verbosity).withJson(json), console);

    project.info("login with password {}", SECRET);
    project.debug("project debug sees " + SECRET);
    library.debug("library debug sees {}", SECRET);
    IllegalStateException cause = new IllegalStateException("cause mentions " + SECRET);
    RuntimeException failure = new RuntimeException("request failed for " + SECRET, cause);
    failure.addSuppressed(new IOException("suppressed mentions " + SECRET));
    project.error("operation failed", failure);
    MDC.put("request", SECRET);
    project.warn("with context");
    MDC.clear();
    project.atInfo().addKeyValue("extra", SECRET).log("with key value");
    Thread.ofVirtual()
        .name("worker-" + SECRET)
        .start(() -> project.info("from a thread named after the secret"))
        .join(Duration.ofSeconds(10));

    for (String out : List.of(consoleText(), Files.readString(file))) {
      assertThat(out)
          .doesNotContain(SECRET)
          .doesNotContain(SECRET.substring(4, 16))
          .contains("login with password [REDACTED]")
          .contains("request failed for [REDACTED]")
          .contains("cause mentions [REDACTED]")
          .contains("suppressed mentions [REDACTED]")
          .contains("from a thread named after the secret");
      assertThat(out.contains("project debug sees [REDACTED]")).isEqualTo(verbosity >= 1);
      assertThat(out.contains("library debug sees [REDACTED]")).isEqualTo(verbosity >= 2);
      if (json) {
        assertEveryLineIsJson(out);
      }
    }
  }

  @ParameterizedTest(name = "verbosity {0}")
  @CsvSource({"-1,false,true", "-2,false,false", "-3,false,false"})
  void quieterLevelsDropWhatTheyShould(int verbosity, boolean infoShown, boolean warnShown)
      throws IOException {
    Path file = temp.resolve("quiet.log");
    Logging.configure(LogSettings.defaults().withFile(file).withVerbosity(verbosity), console);

    project.info("an info line");
    project.warn("a warning line");
    project.error("an error line");
    library.warn("a library warning");

    for (String out : List.of(consoleText(), Files.readString(file))) {
      assertThat(out.contains("an info line")).isEqualTo(infoShown);
      assertThat(out.contains("a warning line")).isEqualTo(warnShown);
      assertThat(out.contains("a library warning")).isEqualTo(warnShown);
      assertThat(out.contains("an error line")).isEqualTo(verbosity > LogSettings.SILENT);
    }
  }

  @Test
  void credentialShapesAreRedactedEvenWhenUnregistered() throws IOException {
    Path file = temp.resolve("chatrixcd.log");
    Logging.configure(LogSettings.defaults().withFile(file).withVerbosity(2), console);
    library.debug("> GET /_matrix/client/v3/sync?access_token=abc123def&since=s72");
    library.debug("> Authorization: Bearer opaque-token-value-1234");
    library.debug(
        "< {\"access_token\":\"syt_Ym90_abcdefghijklmnop_0aBcD\",\"device_id\":\"ABCDEF\"}");
    for (String out : List.of(consoleText(), Files.readString(file))) {
      assertThat(out)
          .contains("access_token=[REDACTED]&since=s72")
          .contains("Authorization: Bearer [REDACTED]")
          .contains("\"access_token\":\"[REDACTED]\",\"device_id\":\"ABCDEF\"")
          .doesNotContain("abc123def", "opaque-token-value-1234", "syt_");
    }
  }

  @Test
  void identifierRedactionHidesIdsAddressesAndHostsButKeepsSentences() {
    Logging.configure(LogSettings.defaults().withRedactIdentifiers(true), console);
    String sentence =
        "Loaded 3 plugins from config.json; task 42 finished at 12:30:45 with version 2.10.1.";
    LoggerFactory.getLogger("cd.chatrix.app.store.Store")
        .info(
            "@alice:example.org asked in !abc:example.org from 203.0.113.7 and 2001:db8::1 via"
                + " https://matrix.example.org/_matrix and semaphore.example.com");
    project.info(sentence);
    String out = consoleText();
    assertThat(out)
        .contains(
            "[USER_ID] asked in [ROOM_ID] from [IP] and [IP] via https://[HOST]/_matrix and [HOST]")
        .contains("cd.chatrix.app.store.Store - ")
        .contains(sentence)
        .doesNotContain("alice", "example.org", "203.0.113.7", "2001:db8", "semaphore.example.com");
  }

  @Test
  void withoutMinusRIdentifiersStayVisible() {
    Logging.configure(LogSettings.defaults(), console);
    project.info("@alice:example.org in !abc:example.org");
    assertThat(consoleText()).contains("@alice:example.org in !abc:example.org");
  }

  @Test
  void rotationKeepsTheConfiguredNumberOfFiles() {
    Path file = temp.resolve("rot/chatrixcd.log");
    Logging.configure(
        LogSettings.defaults().withConsole(false).withFile(file).withRotation(1024, 2), console);
    String filler = "x".repeat(100);
    // The size check is rate-limited by Logback, so keep writing until two rollovers have happened.
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> {
          for (int i = 0; i < 20; i++) {
            project.info("line {} {}", i, filler);
          }
          return Files.exists(Path.of(file + ".1")) && Files.exists(Path.of(file + ".2"));
        });
    for (int round = 0; round < 5; round++) {
      for (int i = 0; i < 40; i++) {
        project.info("more {} {}", i, filler);
      }
    }
    assertThat(Path.of(file + ".3")).doesNotExist();
    assertThat(file).exists();
    assertThat(consoleText()).isEmpty();
  }

  @Test
  void logFilesAreOwnerOnly() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    Path file = temp.resolve("perm/chatrixcd.log");
    Logging.configure(LogSettings.defaults().withConsole(false).withFile(file), console);
    project.info("hello");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void jsonLinesCarryTheEventFields() {
    Logging.configure(LogSettings.defaults().withJson(true), console);
    project.atWarn().addKeyValue("task", 42).log("deploy {} done", "web");
    project.error("boom", new IllegalArgumentException("bad \"quoted\" input\nsecond line"));
    List<JsonNode> lines = assertEveryLineIsJson(consoleText());
    assertThat(lines).hasSize(2);
    JsonNode first = lines.get(0);
    assertThat(first.get("level").asString()).isEqualTo("WARN");
    assertThat(first.get("logger").asString()).isEqualTo("cd.chatrix.app.LoggingProbe");
    assertThat(first.get("message").asString()).isEqualTo("deploy web done");
    assertThat(first.get("kv").get("task").asString()).isEqualTo("42");
    assertThat(first.get("timestamp").asString()).endsWith("Z");
    assertThat(lines.get(1).get("exception").asString())
        .startsWith("java.lang.IllegalArgumentException: bad \"quoted\" input\nsecond line\n\tat ");
  }

  @Test
  void colourGoesToTheConsoleOnlyAndMarksRedactions() throws IOException {
    Path file = temp.resolve("colour.log");
    Logging.configure(LogSettings.defaults().withColour(true).withFile(file), console);
    project.info("secret {}", SECRET);
    assertThat(consoleText()).contains("\u001b[32mINFO ").contains("\u001b[95m[REDACTED]\u001b[0m");
    assertThat(Files.readString(file)).doesNotContain("\u001b").contains("secret [REDACTED]");
  }

  @Test
  void consoleOffWritesNothingThere() throws IOException {
    Path file = temp.resolve("quiet.log");
    Logging.configure(LogSettings.defaults().withConsole(false).withFile(file), console);
    project.info("only in the file");
    assertThat(consoleText()).isEmpty();
    assertThat(Files.readString(file)).contains("only in the file");
  }

  @Test
  void anUnwritableLogFileIsReportedWithWhatToDo() throws IOException {
    Path notADirectory = Files.writeString(temp.resolve("plain-file"), "x");
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
            Logging.configure(
                LogSettings.defaults().withFile(notADirectory.resolve("chatrixcd.log")), console))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Cannot write the log file")
        .hasMessageContaining("bot.log_file");
    project.info("console still works");
    assertThat(consoleText()).contains("console still works");
  }

  @Test
  void theStartupDefaultIsInfoOnTheConsole() {
    LoggerContext context = new LoggerContext();
    new DefaultLogConfigurator().configure(context);
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    assertThat(root.getAppender("console")).isNotNull();
    assertThat(root.getAppender("file")).isNull();
    context.stop();
  }

  @Test
  void settingsRejectImpossibleRotationAndClampVerbosity() {
    assertThat(LogSettings.defaults().withVerbosity(5).verbosity()).isEqualTo(2);
    assertThat(LogSettings.defaults().withVerbosity(-9).verbosity()).isEqualTo(LogSettings.SILENT);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> LogSettings.defaults().withRotation(10, 3))
        .hasMessageContaining("at least 1024 bytes");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> LogSettings.defaults().withRotation(4096, 0))
        .hasMessageContaining("between 1 and 20");
  }

  static List<JsonNode> assertEveryLineIsJson(String out) {
    JsonMapper mapper = JsonMapper.builder().build();
    List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).isNotEmpty();
    return lines.stream()
        .map(line -> {
          JsonNode node = mapper.readTree(line);
          assertThat(node.isObject()).as("line is a JSON object: %s", line).isTrue();
          assertThat(node.has("timestamp") && node.has("level") && node.has("message")).isTrue();
          return node;
        })
        .toList();
  }
}
