package cd.chatrix.app.boot.startup;

/** An attempt failed in a way that neither waiting nor a config change is known to help. */
public final class StartupFailed extends Exception {
  public StartupFailed(String message, Throwable cause) {
    super(message, cause);
  }
}
