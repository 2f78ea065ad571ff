package cd.chatrix.app.adapter.crypto;

import cd.chatrix.app.adapter.matrix.SenderCheck;
import cd.chatrix.app.config.MatrixConfig;
import cd.chatrix.bot.SenderTrust;
import cd.chatrix.matrix.sync.RoomEvent;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code matrix.trust_policy: verified} as a {@link SenderCheck}: an encrypted event is trusted
 * when the device its Megolm session came from is verified by the bot, or cross-signed by a user
 * the bot verified; an event sent in the clear is not, because nothing says which device sent it.
 */
public final class DeviceTrustCheck implements SenderCheck {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceTrustCheck.class);

  private final Optional<EncryptionBridge> bridge;

  private DeviceTrustCheck(Optional<EncryptionBridge> bridge) {
    this.bridge = bridge;
  }

  /**
   * The check for a configuration: {@link SenderCheck#ANY_DEVICE} under {@code all}; under {@code
   * verified} without encryption nobody's device can be trusted, which the log says once.
   */
  public static SenderCheck of(MatrixConfig.TrustPolicy policy, Optional<EncryptionBridge> bridge) {
    if (policy != MatrixConfig.TrustPolicy.VERIFIED) {
      return SenderCheck.ANY_DEVICE;
    }
    if (bridge.isEmpty()) {
      LOG.warn(
          "matrix.trust_policy is verified but matrix.e2ee is off: no device can be verified, so"
              + " the bot answers questions but starts, stops and confirms nothing. Turn e2ee on,"
              + " or set trust_policy to all.");
    }
    return new DeviceTrustCheck(bridge);
  }

  @Override
  public SenderTrust of(RoomEvent event) {
    Optional<DecryptedSenders.Sender> sender = bridge.flatMap(b -> b.senderOf(event));
    if (sender.isEmpty()) {
      return new SenderTrust.Unauthenticated(true);
    }
    return switch (sender.get().trust()) {
      case VERIFIED -> SenderTrust.TRUSTED;
      case UNVERIFIED, UNKNOWN_DEVICE ->
          new SenderTrust.UnverifiedDevice(sender.get().deviceId().orElse("(unknown device)"));
      case UNAUTHENTICATED -> new SenderTrust.Unauthenticated(false);
    };
  }
}
