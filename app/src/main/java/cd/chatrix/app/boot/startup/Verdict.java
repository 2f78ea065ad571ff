package cd.chatrix.app.boot.startup;

/** What one failed attempt to reach a server means for start-up. */
public sealed interface Verdict {

  /**
   * The server is not there yet (no connection, a timeout, a 5xx or 429 answer): try again later.
   *
   * @param cause a short, stable description ("connection refused"): a change of it is logged
   * @param detail what the failure said, for the log line that reports the cause
   */
  record Wait(String cause, String detail) implements Verdict {}

  /** The server answered and refused the configuration: waiting cannot help. */
  record Refuse(String whatToFix) implements Verdict {}

  /** Something unexpected; start-up fails as it always did. */
  record Fail(String message) implements Verdict {}
}
