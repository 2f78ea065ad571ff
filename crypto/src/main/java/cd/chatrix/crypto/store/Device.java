package cd.chatrix.crypto.store;

import java.util.List;

/**
 * A device whose keys passed signature checks in a {@code /keys/query} answer.
 *
 * @param signedJson the device_keys object exactly as the server returned it, kept so signatures
 *     (cross-signing) can be checked again later
 */
public record Device(
    String userId,
    String deviceId,
    String curve25519,
    String ed25519,
    List<String> algorithms,
    String displayName,
    LocalTrust trust,
    boolean crossSigned,
    String signedJson) {

  public Device {
    algorithms = List.copyOf(algorithms);
  }

  public Device withTrust(LocalTrust newTrust) {
    return new Device(
        userId,
        deviceId,
        curve25519,
        ed25519,
        algorithms,
        displayName,
        newTrust,
        crossSigned,
        signedJson);
  }

  public Device withCrossSigned(boolean signed) {
    return new Device(
        userId, deviceId, curve25519, ed25519, algorithms, displayName, trust, signed, signedJson);
  }

  /** Verified locally, or cross-signed by an owner identity we trust. */
  public boolean isVerified() {
    return trust == LocalTrust.VERIFIED || (crossSigned && trust != LocalTrust.BLOCKED);
  }
}
