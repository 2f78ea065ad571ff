package cd.chatrix.bot.port;

import java.util.List;
import java.util.function.Consumer;

/**
 * End-to-end encryption as the chat commands see it: this device's identity, other users' devices
 * and whether we trust them, and emoji (SAS) verifications. Absent when encryption is off.
 *
 * <p>A verification moves on when the other device answers, which arrives through sync long after
 * the command that started it returned. So the port pushes every change to the listeners of {@link
 * #onVerificationChange}; the bot posts the emojis when they become available and the outcome at
 * the end. Refusals (no such verification, a step that does not fit where it stands) throw {@link
 * PortException} with a message the user can act on.
 */
public interface EncryptionPort {
  EncryptionIdentity identity();

  /** The devices known for a user; asks the homeserver first when none are known yet. */
  List<DeviceInfo> devices(String userId);

  /** Verifications in progress and those that ended recently, oldest first. */
  List<Verification> verifications();

  /** Asks a device of a user to verify with the bot; returns the new verification. */
  Verification start(String userId, String deviceId);

  /** Takes up a verification another device asked for. */
  void accept(String verificationId);

  /** A person compared the emojis on both devices and they are the same. */
  void confirm(String verificationId);

  /** Stops a verification; {@code mismatch} tells the other side the emojis differed. */
  void cancel(String verificationId, boolean mismatch);

  /** Called with a fresh snapshot whenever a verification changes, from any thread. */
  void onVerificationChange(Consumer<Verification> listener);
}
