package cd.chatrix.crypto.verification;

import cd.chatrix.crypto.CanonicalJson;
import cd.chatrix.crypto.engine.Sas;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One {@code m.sas.v1} verification with one device, from request to done. Every message is checked
 * against the state it may arrive in; anything out of order cancels with {@code
 * m.unexpected_message}, a bad commitment or MAC with {@code m.key_mismatch}. The class runs
 * slightly over the usual size on purpose: the handlers share one state field, and splitting them
 * apart would scatter the protocol's ordering rules (the MAC step already lives in {@link
 * SasMacs}).
 */
final class SasVerification implements AutoCloseable {
  static final String SAS_V1 = "m.sas.v1";
  static final String KEY_AGREEMENT = "curve25519-hkdf-sha256";
  static final String MAC_V2 = "hkdf-hmac-sha256.v2";
  static final String MAC_LEGACY = "hkdf-hmac-sha256";
  private static final String PREFIX = "m.key.verification.";

  private final VerificationPort port;
  final String txnId;
  final String otherUser;
  String otherDevice;
  final boolean weInitiated;
  final long createdAtMs;

  private VerificationState state = VerificationState.REQUESTED;
  private boolean weStarted;
  private ObjectNode startContent;
  private String commitment = "";
  private String macMethod = MAC_V2;
  private Sas sas;
  private Sas.Established established;
  private String theirKey = "";
  private List<Integer> emoji = List.of();
  private List<Integer> decimals = List.of();
  private JsonNode theirMac;
  private boolean macVerified;
  private boolean doneSent;
  private boolean doneReceived;
  private String cancelCode;
  private String cancelReason;
  private JsonNode pendingStart;

  /** Began with a bare start: such peers send no m.key.verification.done. */
  private boolean legacy;

  SasVerification(
      VerificationPort port,
      String txnId,
      String otherUser,
      String otherDevice,
      boolean weInitiated) {
    this.port = port;
    this.txnId = txnId;
    this.otherUser = otherUser;
    this.otherDevice = otherDevice;
    this.weInitiated = weInitiated;
    this.createdAtMs = port.now();
    port.track(otherUser);
  }

  VerificationStatus status() {
    return new VerificationStatus(
        txnId,
        otherUser,
        otherDevice,
        weInitiated,
        state,
        state == VerificationState.SHOW_SAS || state == VerificationState.CONFIRMED
            ? SasEmoji.of(emoji)
            : List.of(),
        state == VerificationState.SHOW_SAS || state == VerificationState.CONFIRMED
            ? decimals
            : List.of(),
        Optional.ofNullable(cancelCode),
        Optional.ofNullable(cancelReason));
  }

  VerificationState state() {
    return state;
  }

  void sendRequest() {
    ObjectNode c = CanonicalJson.object();
    c.put("from_device", port.deviceId());
    c.putArray("methods").add(SAS_V1);
    c.put("timestamp", port.now());
    send("request", c);
  }

  /** Responder: agree to a received request. */
  void accept() {
    require(!weInitiated && state == VerificationState.REQUESTED, "accept");
    if (pendingStart != null) {
      // Started without a request (older clients such as matrix-nio 0.20): accept the start.
      state = VerificationState.READY;
      JsonNode start = pendingStart;
      pendingStart = null;
      onStart(start);
      return;
    }
    ObjectNode c = CanonicalJson.object();
    c.put("from_device", port.deviceId());
    c.putArray("methods").add(SAS_V1);
    send("ready", c);
    state = VerificationState.READY;
  }

  /**
   * Initiator without a request: sends {@code m.key.verification.start} at once, for clients that
   * predate verification requests (matrix-nio 0.20).
   */
  void startWithoutRequest() {
    legacy = true;
    state = VerificationState.READY;
    start();
  }

  /** A start that arrived with no request before it; it waits for the person to accept. */
  void holdStart(JsonNode start) {
    pendingStart = start.deepCopy();
    legacy = true;
  }

  void handle(String type, JsonNode content) {
    if (state == VerificationState.CANCELLED || state == VerificationState.DONE) {
      return;
    }
    switch (type) {
      case "m.key.verification.ready" -> onReady(content);
      case "m.key.verification.start" -> onStart(content);
      case "m.key.verification.accept" -> onAccept(content);
      case "m.key.verification.key" -> onKey(content);
      case "m.key.verification.mac" -> onMac(content);
      case "m.key.verification.done" -> onDone();
      case "m.key.verification.cancel" -> {
        state = VerificationState.CANCELLED;
        cancelCode = content.path("code").asString("m.user");
        cancelReason = content.path("reason").asString("cancelled by the other side");
      }
      default -> cancel("m.unknown_method", "Unsupported verification message " + type);
    }
  }

  private void onReady(JsonNode content) {
    if (!weInitiated || state != VerificationState.REQUESTED) {
      unexpected("ready");
      return;
    }
    if (!contains(content.path("methods"), SAS_V1)) {
      cancel("m.unknown_method", "The other device offers no method this bot supports (m.sas.v1).");
      return;
    }
    otherDevice = content.path("from_device").asString(otherDevice);
    state = VerificationState.READY;
    // The bot always drives SAS itself once the other side is ready.
    start();
  }

  private void start() {
    sas = port.engine().newSas();
    ObjectNode c = CanonicalJson.object();
    c.put("from_device", port.deviceId());
    c.put("method", SAS_V1);
    c.putArray("key_agreement_protocols").add(KEY_AGREEMENT);
    c.putArray("hashes").add("sha256");
    c.putArray("message_authentication_codes").add(MAC_V2).add(MAC_LEGACY);
    c.putArray("short_authentication_string").add("decimal").add("emoji");
    c.put("transaction_id", txnId);
    startContent = c;
    weStarted = true;
    send("start", c.deepCopy());
    state = VerificationState.STARTED;
  }

  private void onStart(JsonNode content) {
    if (weStarted && state == VerificationState.STARTED) {
      // Both sides started: the lexicographically smaller user (then device) keeps its start.
      int order = port.userId().compareTo(otherUser);
      if (order == 0) {
        order = port.deviceId().compareTo(otherDevice);
      }
      if (order < 0) {
        return;
      }
      weStarted = false;
      sas.close();
      sas = null;
    } else if (state != VerificationState.READY || weInitiated && weStarted) {
      unexpected("start");
      return;
    }
    if (!SAS_V1.equals(content.path("method").asString(""))
        || !contains(content.path("key_agreement_protocols"), KEY_AGREEMENT)
        || !contains(content.path("hashes"), "sha256")) {
      cancel(
          "m.unknown_method", "Only m.sas.v1 with curve25519-hkdf-sha256 and sha256 is supported.");
      return;
    }
    JsonNode macs = content.path("message_authentication_codes");
    if (contains(macs, MAC_V2)) {
      macMethod = MAC_V2;
    } else if (contains(macs, MAC_LEGACY)) {
      macMethod = MAC_LEGACY;
    } else {
      cancel("m.unknown_method", "No common message authentication code.");
      return;
    }
    startContent = (ObjectNode) content.deepCopy();
    sas = port.engine().newSas();
    ObjectNode c = CanonicalJson.object();
    c.put("method", SAS_V1);
    c.put("key_agreement_protocol", KEY_AGREEMENT);
    c.put("hash", "sha256");
    c.put("message_authentication_code", macMethod);
    c.putArray("short_authentication_string").add("decimal").add("emoji");
    c.put("commitment", sha256(sas.publicKey() + CanonicalJson.encode(startContent)));
    send("accept", c);
    state = VerificationState.STARTED;
  }

  private void onAccept(JsonNode content) {
    if (!weStarted || state != VerificationState.STARTED || !commitment.isEmpty()) {
      unexpected("accept");
      return;
    }
    String chosen = content.path("message_authentication_code").asString("");
    if (!chosen.equals(MAC_V2) && !chosen.equals(MAC_LEGACY)) {
      cancel("m.unknown_method", "The other side chose a MAC method we did not offer.");
      return;
    }
    macMethod = chosen;
    commitment = content.path("commitment").asString("");
    ObjectNode c = CanonicalJson.object();
    c.put("key", sas.publicKey());
    send("key", c);
  }

  private void onKey(JsonNode content) {
    if (state != VerificationState.STARTED || !theirKey.isEmpty() || sas == null) {
      unexpected("key");
      return;
    }
    theirKey = content.path("key").asString("");
    if (weStarted) {
      if (commitment.isEmpty()) {
        unexpected("key");
        return;
      }
      String expected = sha256(theirKey + CanonicalJson.encode(startContent));
      if (!MessageDigest.isEqual(
          expected.getBytes(StandardCharsets.UTF_8), commitment.getBytes(StandardCharsets.UTF_8))) {
        cancel("m.key_mismatch", "The other side's key does not match its commitment.");
        return;
      }
    } else {
      ObjectNode c = CanonicalJson.object();
      c.put("key", sas.publicKey());
      send("key", c);
    }
    established = sas.establish(theirKey);
    String starterUser = weStarted ? port.userId() : otherUser;
    String starterDevice = weStarted ? port.deviceId() : otherDevice;
    String starterKey = weStarted ? sas.publicKey() : theirKey;
    String accepterUser = weStarted ? otherUser : port.userId();
    String accepterDevice = weStarted ? otherDevice : port.deviceId();
    String accepterKey = weStarted ? theirKey : sas.publicKey();
    String info =
        String.join(
            "|",
            "MATRIX_KEY_VERIFICATION_SAS",
            starterUser,
            starterDevice,
            starterKey,
            accepterUser,
            accepterDevice,
            accepterKey,
            txnId);
    emoji = established.emojiIndices(info);
    decimals = established.decimals(info);
    state = VerificationState.SHOW_SAS;
  }

  /** The person confirmed the strings match: send our MACs, then check theirs if already here. */
  void confirm() {
    require(state == VerificationState.SHOW_SAS, "confirm");
    send("mac", new SasMacs(established, macMethod).ours(port, otherUser, otherDevice, txnId));
    state = VerificationState.CONFIRMED;
    if (theirMac != null) {
      checkTheirMac();
    }
  }

  private void onMac(JsonNode content) {
    if ((state != VerificationState.SHOW_SAS && state != VerificationState.CONFIRMED)
        || theirMac != null) {
      unexpected("mac");
      return;
    }
    theirMac = content.deepCopy();
    if (state == VerificationState.CONFIRMED) {
      checkTheirMac();
    }
  }

  private void checkTheirMac() {
    switch (new SasMacs(established, macMethod)
        .theirs(theirMac, port, otherUser, otherDevice, txnId)) {
      case SasMacs.Check.Failed failed -> cancel("m.key_mismatch", failed.reason());
      case SasMacs.Check.Passed passed -> {
        macVerified = true;
        port.markDeviceVerified(otherUser, otherDevice);
        if (passed.masterKeyVerified()) {
          port.trustIdentity(otherUser);
        }
        send("done", CanonicalJson.object());
        doneSent = true;
        if (doneReceived || legacy) {
          finish();
        }
      }
    }
  }

  private void onDone() {
    doneReceived = true;
    if (doneSent && macVerified) {
      finish();
    }
  }

  private void finish() {
    state = VerificationState.DONE;
    close();
  }

  void cancel(String code, String reason) {
    if (state == VerificationState.CANCELLED || state == VerificationState.DONE) {
      return;
    }
    ObjectNode c = CanonicalJson.object();
    c.put("code", code);
    c.put("reason", reason);
    send("cancel", c);
    state = VerificationState.CANCELLED;
    cancelCode = code;
    cancelReason = reason;
    close();
  }

  private void unexpected(String what) {
    cancel("m.unexpected_message", "Received " + what + " at the wrong point of the verification.");
  }

  private void require(boolean condition, String action) {
    if (!condition) {
      throw new IllegalStateException(
          "Cannot " + action + " verification " + txnId + " while it is " + state + ".");
    }
  }

  private void send(String shortType, ObjectNode content) {
    content.put("transaction_id", txnId);
    String device = otherDevice.isEmpty() ? "*" : otherDevice;
    port.sendToDevice(otherUser, device, PREFIX + shortType, content);
  }

  private static boolean contains(JsonNode array, String value) {
    for (JsonNode n : array) {
      if (value.equals(n.asString(""))) {
        return true;
      }
    }
    return false;
  }

  private static String sha256(String input) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  @Override
  public void close() {
    if (established != null) {
      established.close();
      established = null;
    }
    if (sas != null) {
      sas.close();
      sas = null;
    }
  }
}
