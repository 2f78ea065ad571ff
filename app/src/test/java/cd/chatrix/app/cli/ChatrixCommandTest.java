package cd.chatrix.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ChatrixCommandTest {
  /** Records what the command line handed over instead of starting anything. */
  private static final class RecordingLauncher implements ChatrixCommand.Launcher {
    final List<String> calls = new ArrayList<>();
    LaunchOptions last;

    @Override
    public int run(LaunchOptions options) {
      calls.add("run");
      last = options;
      return 0;
    }

    @Override
    public int demo(LaunchOptions options, boolean exitWhenDone) {
      calls.add(exitWhenDone ? "demo --exit-when-done" : "demo");
      last = options;
      return 0;
    }

    @Override
    public int demoForAnotherProcess(LaunchOptions options, java.nio.file.Path configOut) {
      calls.add("demo for another process " + configOut);
      last = options;
      return 0;
    }

    StoreCommand.StoreMigration migration;

    @Override
    public int migrateStore(LaunchOptions options, StoreCommand.StoreMigration request) {
      calls.add("store migrate");
      last = options;
      migration = request;
      return 0;
    }
  }

  private final RecordingLauncher launcher = new RecordingLauncher();
  private final StringWriter out = new StringWriter();

  private int execute(String... args) {
    CommandLine commandLine = new CommandLine(new ChatrixCommand(launcher));
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(out));
    return commandLine.execute(args);
  }

  @Test
  void helpListsEveryFlagOfTheOriginalAndTheDemo() {
    assertThat(execute("--help")).isZero();
    String help = out.toString();
    for (String flag :
        List.of(
            "-c",
            "--config",
            "-L",
            "-D",
            "-C",
            "-v",
            "-s",
            "-a",
            "-r",
            "-R",
            "-N",
            "-I",
            "-V",
            "-m",
            "--pid-file",
            "demo")) {
      assertThat(help).as("--help mentions %s", flag).contains(flag);
    }
    assertThat(launcher.calls).isEmpty();
  }

  @Test
  void parsesTheOriginalsFlags() {
    assertThat(
            execute(
                "-c",
                "/etc/chatrixcd/config.json",
                "-L",
                "-C",
                "-vv",
                "-s",
                "-a",
                "@a:x",
                "-a",
                "@b:x",
                "-r",
                "!r:x",
                "-R",
                "-N",
                "-m"))
        .isZero();
    LaunchOptions options = launcher.last;
    assertThat(launcher.calls).containsExactly("run");
    assertThat(options.configFile()).isEqualTo(Path.of("/etc/chatrixcd/config.json"));
    assertThat(options.logOnly()).isTrue();
    assertThat(options.colour()).isTrue();
    assertThat(options.verbosity()).isEqualTo(2);
    assertThat(options.showConfig()).isTrue();
    assertThat(options.extraAdmins()).containsExactly("@a:x", "@b:x");
    assertThat(options.extraRooms()).containsExactly("!r:x");
    assertThat(options.redact()).isTrue();
    assertThat(options.noGreetings()).isTrue();
    assertThat(options.mouse()).isTrue();
    assertThat(options.daemon()).isFalse();
    assertThat(options.pidFile()).isEmpty();
  }

  @Test
  void defaultsMatchTheOriginal() {
    assertThat(execute()).isZero();
    assertThat(launcher.last.configFile()).isEqualTo(Path.of("config.json"));
    assertThat(launcher.last.verbosity()).isZero();
  }

  @Test
  void verbosityStopsAtTwo() {
    execute("-vvvv");
    assertThat(launcher.last.verbosity()).isEqualTo(2);
  }

  @Test
  void demoSubcommandGoesToTheDemo() {
    assertThat(execute("-N", "demo")).isZero();
    assertThat(launcher.calls).containsExactly("demo");
    assertThat(launcher.last.noGreetings()).isTrue();
  }

  @Test
  void theLaunchersTrainingDemoServesAnotherProcessAndIsNotInTheHelp() {
    assertThat(execute("demo", "--for-another-process", "/tmp/x/config.json")).isZero();
    assertThat(launcher.calls).containsExactly("demo for another process /tmp/x/config.json");
    out.getBuffer().setLength(0);
    execute("demo", "--help");
    assertThat(out.toString()).contains("--exit-when-done").doesNotContain("another-process");
  }

  @Test
  void demoCanEndAfterItsConversation() {
    assertThat(execute("demo", "--exit-when-done")).isZero();
    assertThat(launcher.calls).containsExactly("demo --exit-when-done");
  }

  @Test
  void versionNamesTheProduct() {
    assertThat(execute("-V")).isZero();
    assertThat(out.toString()).startsWith("ChatrixCD ");
  }

  @Test
  void anUnknownFlagIsAUsageError() {
    assertThat(execute("--frobnicate")).isEqualTo(2);
    assertThat(out.toString()).contains("--frobnicate");
    assertThat(launcher.calls).isEmpty();
  }

  @Test
  void storeMigrateTakesTheTargetFromFlagsOrLeavesItToTheConfig() {
    assertThat(
            execute(
                "-c",
                "/etc/chatrixcd/config.json",
                "store",
                "migrate",
                "--to",
                "PostgreSQL",
                "--url",
                "postgresql://db/chatrixcd",
                "--user",
                "bot",
                "--password-file",
                "/run/secrets/pg"))
        .isZero();
    assertThat(launcher.calls).containsExactly("store migrate");
    assertThat(launcher.last.configFile()).isEqualTo(Path.of("/etc/chatrixcd/config.json"));
    assertThat(launcher.migration)
        .isEqualTo(
            new StoreCommand.StoreMigration(
                StoreCommand.Target.POSTGRESQL,
                Optional.of("postgresql://db/chatrixcd"),
                Optional.of("bot"),
                Optional.of(Path.of("/run/secrets/pg"))));

    assertThat(execute("store", "migrate", "--to", "postgresql")).isZero();
    assertThat(launcher.migration.url()).isEmpty();
  }

  @Test
  void storeMigrateWithoutOrWithAnUnknownTargetIsAUsageError() {
    assertThat(execute("store", "migrate")).isEqualTo(2);
    assertThat(out.toString()).contains("--to");
    assertThat(execute("store", "migrate", "--to", "mysql")).isEqualTo(2);
    assertThat(out.toString()).contains("use postgresql");
    assertThat(execute("store")).isEqualTo(2);
    assertThat(launcher.calls).isEmpty();
  }
}
