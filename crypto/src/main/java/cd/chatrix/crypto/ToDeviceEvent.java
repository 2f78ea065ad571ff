package cd.chatrix.crypto;

import cd.chatrix.crypto.store.Device;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A to-device event after the machine processed it, decrypted when it came encrypted; handed back
 * so the caller can act on types the machine does not consume (verification, custom events).
 */
public record ToDeviceEvent(
    String type,
    String sender,
    JsonNode content,
    boolean encrypted,
    Optional<Device> senderDevice) {}
