package cd.chatrix.app.boot;

/** A part could not start; the message is shown to the operator as is. */
public final class StartException extends Exception {
  /** Why start-up ended: each has its own exit code. */
  enum Kind {
    /** Something broke (exit 1). */
    FAILED,
    /** A server refused the configuration: the message names the key to fix (exit 78). */
    CONFIGURATION,
    /** A stop was requested while start-up waited (exit 0). */
    STOPPED
  }

  private final Kind kind;

  public StartException(String message, Throwable cause) {
    this(Kind.FAILED, message, cause);
  }

  StartException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  static StartException configuration(String whatToFix, Throwable cause) {
    return new StartException(Kind.CONFIGURATION, whatToFix, cause);
  }

  static StartException stopped() {
    return new StartException(Kind.STOPPED, "stopped during start-up", null);
  }

  Kind kind() {
    return kind;
  }
}
