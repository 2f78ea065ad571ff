package cd.chatrix.bot.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.bot.commands.Commands;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgsTest {
  private final CommandSpec run = Commands.ALL.spec("run").orElseThrow();

  @Test
  void optionsInBothFormsAndRepeatable() {
    var a =
        Args.parse(
            List.of(
                "1",
                "--tags=a,b",
                "--limit",
                "h1",
                "--env",
                "A=1",
                "--env=B=2",
                "--dry-run",
                "web"),
            run);
    assertThat(a.positionals()).containsExactly("1", "web");
    assertThat(a.option("tags")).contains("a,b");
    assertThat(a.option("limit")).contains("h1");
    assertThat(a.all("env")).containsExactly("A=1", "B=2");
    assertThat(a.flag("dry-run")).isTrue();
    assertThat(a.flag("diff")).isFalse();
  }

  @Test
  void missingValueSaysTheSyntax() {
    assertThatThrownBy(() -> Args.parse(List.of("--tags"), run))
        .hasMessageContaining("--tags needs a value")
        .hasMessageContaining("[project]");
  }

  @Test
  void switchWithValueIsRefused() {
    assertThatThrownBy(() -> Args.parse(List.of("--diff=yes"), run))
        .hasMessageContaining("takes no value");
  }

  @Test
  void doubleDashEndsOptions() {
    var a = Args.parse(List.of("--", "--tags"), run);
    assertThat(a.positionals()).containsExactly("--tags");
  }

  @Test
  void freeFormCommandsKeepOptionsAsWords() {
    var a =
        Args.parse(
            List.of("add", "x", "run", "--tags=a"), Commands.ALL.spec("aliases").orElseThrow());
    assertThat(a.positionals()).containsExactly("add", "x", "run", "--tags=a");
  }
}
