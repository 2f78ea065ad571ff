package cd.chatrix.app.boot.run;

import java.io.PrintStream;

/**
 * What a daemon tells the launcher that started it, on its standard output: the launcher ({@code
 * chatrixcd -D}) waits for a line starting with {@code running} (the bot is up) or {@code standing
 * by} (a replica that waits for the leader's lease: up and healthy, and it takes over by itself),
 * and returns to the shell with it. Each is said at most once: the launcher has gone by the time a
 * standby takes over, and nobody reads the rest.
 */
public final class DaemonStatus {
  private final PrintStream out;
  private final PidFile pidFile;
  private boolean said;
  private boolean saidRunning;

  public DaemonStatus(PrintStream out, PidFile pidFile) {
    this.out = out;
    this.pidFile = pidFile;
  }

  /** The bot is up and serving. */
  public synchronized void running() {
    if (!saidRunning) {
      say("running in the background as " + where());
      saidRunning = true;
    }
  }

  /**
   * This replica stands by: {@code why} names the leader, for example {@code replica host/42/ab12
   * leads (lease epoch 3)}.
   */
  public synchronized void standingBy(String why) {
    if (!said) {
      say(
          "standing by in the background as "
              + where()
              + ": "
              + why
              + "; it takes over by itself when that lease runs out");
    }
  }

  private String where() {
    return "PID " + ProcessHandle.current().pid() + " (PID file " + pidFile.path() + ")";
  }

  private void say(String line) {
    out.println(line);
    out.flush();
    said = true;
  }
}
