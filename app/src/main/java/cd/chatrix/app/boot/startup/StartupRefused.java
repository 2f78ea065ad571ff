package cd.chatrix.app.boot.startup;

/** A server refused the configuration at start-up; the message says which key to fix. */
public final class StartupRefused extends Exception {
  public StartupRefused(String whatToFix, Throwable cause) {
    super(whatToFix, cause);
  }
}
