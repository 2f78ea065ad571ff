package cd.chatrix.crypto;

/** How sure we are who sent a decrypted room event. */
public enum SenderTrust {
  /** The sender's device is verified (or it is this device). */
  VERIFIED,
  /** The key came from the sender's known device, which nobody verified. */
  UNVERIFIED,
  /** The session's sender key matches no device we know for that user. */
  UNKNOWN_DEVICE,
  /** The key was forwarded by another device, or the device's keys do not match the session. */
  UNAUTHENTICATED
}
