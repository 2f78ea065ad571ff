package cd.chatrix.app.boot.startup;

/** A stop was requested (a signal, or a refusal found elsewhere) while start-up was waiting. */
public final class StartupStopped extends Exception {
  public StartupStopped() {
    super("stopped while waiting to start");
  }
}
