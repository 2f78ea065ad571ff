package cd.chatrix.crypto;

/** Which devices of room members receive our room keys. */
public enum TrustPolicy {
  /** Every device except those blocked: what common clients do, and the default. */
  ALL_DEVICES,
  /** Only devices verified locally or cross-signed by a trusted identity; others are told why. */
  VERIFIED_ONLY
}
