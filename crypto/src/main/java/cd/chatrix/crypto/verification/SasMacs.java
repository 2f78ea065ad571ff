package cd.chatrix.crypto.verification;

import cd.chatrix.crypto.CanonicalJson;
import cd.chatrix.crypto.engine.Sas;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The MAC step of {@code m.sas.v1}: the keys we vouch for once the person confirmed, and the check
 * of the keys the other side vouched for. Keys we cannot look up vouch for nothing.
 */
final class SasMacs {
  private static final String INFO = "MATRIX_KEY_VERIFICATION_MAC";

  /** The outcome of checking the other side's MACs. */
  sealed interface Check {
    record Passed(boolean masterKeyVerified) implements Check {}

    record Failed(String reason) implements Check {}
  }

  private final Sas.Established established;
  private final boolean v2;

  SasMacs(Sas.Established established, String method) {
    this.established = established;
    this.v2 = method.equals(SasVerification.MAC_V2);
  }

  /** Content of our {@code m.key.verification.mac}: our device key and master key if any. */
  ObjectNode ours(VerificationPort port, String otherUser, String otherDevice, String txnId) {
    Map<String, String> keys = new TreeMap<>();
    keys.put("ed25519:" + port.deviceId(), port.ed25519Key());
    port.ownMasterKey().ifPresent(master -> keys.put("ed25519:" + master, master));
    String base = INFO + port.userId() + port.deviceId() + otherUser + otherDevice + txnId;
    ObjectNode macs = CanonicalJson.object();
    keys.forEach((keyId, key) -> macs.put(keyId, mac(key, base + keyId)));
    ObjectNode content = CanonicalJson.object();
    content.set("mac", macs);
    content.put("keys", mac(String.join(",", keys.keySet()), base + "KEY_IDS"));
    return content;
  }

  Check theirs(
      JsonNode theirMac,
      VerificationPort port,
      String otherUser,
      String otherDevice,
      String txnId) {
    String base = INFO + otherUser + otherDevice + port.userId() + port.deviceId() + txnId;
    JsonNode macs = theirMac.path("mac");
    List<String> keyIds = new ArrayList<>(macs.propertyNames());
    Collections.sort(keyIds);
    if (!verify(String.join(",", keyIds), base + "KEY_IDS", theirMac.path("keys").asString(""))) {
      return new Check.Failed("The list of keys the other side vouched for does not check out.");
    }
    Optional<String> deviceKey = port.deviceEd25519(otherUser, otherDevice);
    if (deviceKey.isEmpty()) {
      return new Check.Failed("The other device's keys are unknown; it must upload keys first.");
    }
    Optional<String> master = port.masterKeyOf(otherUser);
    boolean deviceChecked = false;
    boolean masterChecked = false;
    for (String keyId : keyIds) {
      String expectedKey;
      if (keyId.equals("ed25519:" + otherDevice)) {
        expectedKey = deviceKey.get();
      } else if (master.isPresent() && keyId.equals("ed25519:" + master.get())) {
        expectedKey = master.get();
      } else {
        continue;
      }
      if (!verify(expectedKey, base + keyId, macs.get(keyId).asString(""))) {
        return new Check.Failed("A key MAC from the other side does not match: do not trust it.");
      }
      deviceChecked |= expectedKey.equals(deviceKey.get());
      masterChecked |= master.isPresent() && expectedKey.equals(master.get());
    }
    return deviceChecked
        ? new Check.Passed(masterChecked)
        : new Check.Failed("The other side did not vouch for its device key.");
  }

  private String mac(String input, String info) {
    return v2 ? established.calculateMac(input, info) : established.calculateMacLegacy(input, info);
  }

  private boolean verify(String input, String info, String mac) {
    if (v2) {
      return established.verifyMac(input, info, mac);
    }
    return MessageDigest.isEqual(
        established.calculateMacLegacy(input, info).getBytes(StandardCharsets.UTF_8),
        mac.getBytes(StandardCharsets.UTF_8));
  }
}
