package cd.chatrix.crypto.verification;

/** Where a verification stands, as shown to the people doing it. */
public enum VerificationState {
  /** A request was sent or received; waiting for the other side (or us) to accept. */
  REQUESTED,
  /** Both sides agreed to verify; the SAS exchange is starting. */
  READY,
  /** Key agreement under way. */
  STARTED,
  /** The short authentication string is ready to compare. */
  SHOW_SAS,
  /** We confirmed the match and wait for the other side. */
  CONFIRMED,
  /** Both sides confirmed and the keys checked out: the device is verified. */
  DONE,
  /** Stopped; see the cancel code and reason. */
  CANCELLED
}
