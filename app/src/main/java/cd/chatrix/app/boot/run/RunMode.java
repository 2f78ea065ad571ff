package cd.chatrix.app.boot.run;

/** How the bot presents itself while it runs. */
public enum RunMode {
  /** The full-screen operator console; the default on an interactive terminal. */
  TUI,
  /** Logs to the console and the log file; the default when there is no terminal. */
  LOG_ONLY,
  /** Detached from the terminal by the launcher: log file only, with a PID file. */
  DAEMON;

  /**
   * Picks the mode from the flags and whether a person is at the terminal. Daemon wins over
   * log-only, and both win over the terminal check, so scripts always get what they ask for.
   */
  public static RunMode select(boolean daemonFlag, boolean logOnlyFlag, boolean interactive) {
    if (daemonFlag) {
      return DAEMON;
    }
    if (logOnlyFlag || !interactive) {
      return LOG_ONLY;
    }
    return TUI;
  }

  /** Whether log lines may go to the console: never under the TUI (it would corrupt the screen). */
  public boolean logsToConsole() {
    return this == LOG_ONLY;
  }
}
