package cd.chatrix.crypto.store;

/** What this bot decided about another device, independent of what the server says. */
public enum LocalTrust {
  /** Nothing decided yet: counts as unverified. */
  UNSET,
  /** Verified (SAS or by an operator); receives keys under the verified-only policy. */
  VERIFIED,
  /** Never receives room keys, whatever the policy. */
  BLOCKED
}
