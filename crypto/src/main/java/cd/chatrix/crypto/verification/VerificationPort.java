package cd.chatrix.crypto.verification;

import cd.chatrix.crypto.engine.CryptoEngine;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/** What verification needs from the machine: identities, key lookups, trust updates, sending. */
public interface VerificationPort {

  String userId();

  String deviceId();

  /** This device's Ed25519 key. */
  String ed25519Key();

  /** The Ed25519 key of a device we track, if known. */
  Optional<String> deviceEd25519(String userId, String deviceId);

  /** Our own cross-signing master key, if bootstrapped. */
  Optional<String> ownMasterKey();

  /** Another user's cross-signing master key as last queried, if any. */
  Optional<String> masterKeyOf(String userId);

  void markDeviceVerified(String userId, String deviceId);

  void trustIdentity(String userId);

  /** Queues an unencrypted to-device message. */
  void sendToDevice(String userId, String deviceId, String eventType, ObjectNode content);

  /** Starts following a user's devices so their keys are known by the time MACs arrive. */
  void track(String userId);

  long now();

  CryptoEngine engine();
}
