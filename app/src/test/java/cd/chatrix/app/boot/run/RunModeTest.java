package cd.chatrix.app.boot.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunModeTest {
  @Test
  void aTerminalGetsTheConsoleByDefault() {
    assertThat(RunMode.select(false, false, true)).isEqualTo(RunMode.TUI);
  }

  @Test
  void noTerminalMeansLogOnly() {
    assertThat(RunMode.select(false, false, false)).isEqualTo(RunMode.LOG_ONLY);
  }

  @Test
  void flagsWinOverTheTerminalCheck() {
    assertThat(RunMode.select(false, true, true)).isEqualTo(RunMode.LOG_ONLY);
    assertThat(RunMode.select(true, true, true)).isEqualTo(RunMode.DAEMON);
    assertThat(RunMode.select(true, false, false)).isEqualTo(RunMode.DAEMON);
  }

  @Test
  void onlyLogOnlyWritesLogsToTheConsole() {
    assertThat(RunMode.LOG_ONLY.logsToConsole()).isTrue();
    assertThat(RunMode.TUI.logsToConsole()).isFalse();
    assertThat(RunMode.DAEMON.logsToConsole()).isFalse();
  }
}
