package cd.chatrix.crypto.verification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * All verifications of this device by transaction id: routes incoming {@code m.key.verification.*}
 * to-device events, starts new ones, and expires those older than the spec's ten minutes.
 */
public final class Verifications {
  private static final Logger LOG = LoggerFactory.getLogger(Verifications.class);
  private static final long TIMEOUT_MS = 10 * 60_000L;
  private static final long RETENTION_MS = 24 * 60 * 60_000L;

  private final VerificationPort port;
  private final Map<String, SasVerification> byTxn = new LinkedHashMap<>();

  public Verifications(VerificationPort port) {
    this.port = port;
  }

  public static boolean isVerificationEvent(String type) {
    return type.startsWith("m.key.verification.");
  }

  /** Asks a device of a user to verify with us; returns the transaction id. */
  public String request(String userId, String deviceId) {
    return begin(userId, deviceId, SasVerification::sendRequest);
  }

  /** Starts SAS directly, without a request, for clients that do not know requests. */
  public String startWithoutRequest(String userId, String deviceId) {
    return begin(userId, deviceId, SasVerification::startWithoutRequest);
  }

  /** A verification we start: tracked under a fresh transaction id before its first message. */
  private String begin(String userId, String deviceId, Consumer<SasVerification> firstMessage) {
    String txnId = UUID.randomUUID().toString();
    SasVerification v = new SasVerification(port, txnId, userId, deviceId, true);
    byTxn.put(txnId, v);
    firstMessage.accept(v);
    return txnId;
  }

  public void handle(String sender, String type, JsonNode content) {
    expire();
    String txnId = content.path("transaction_id").asString("");
    if (txnId.isEmpty()) {
      return;
    }
    SasVerification v = byTxn.get(txnId);
    if (type.equals("m.key.verification.start") && v == null && !sender.isEmpty()) {
      SasVerification legacy =
          new SasVerification(port, txnId, sender, content.path("from_device").asString(""), false);
      legacy.holdStart(content);
      byTxn.put(txnId, legacy);
      return;
    }
    if (type.equals("m.key.verification.request")) {
      if (v == null && !sender.isEmpty()) {
        byTxn.put(
            txnId,
            new SasVerification(
                port, txnId, sender, content.path("from_device").asString(""), false));
      }
      return;
    }
    if (v == null) {
      LOG.debug("Ignoring {} for unknown verification {}", type, txnId);
      return;
    }
    if (!v.otherUser.equals(sender)) {
      LOG.warn("Ignoring {} for verification {} sent by a third party", type, txnId);
      return;
    }
    v.handle(type, content);
  }

  /** Agrees to a verification someone requested from us. */
  public void accept(String txnId) {
    get(txnId).accept();
  }

  /** The person compared the emoji or numbers and they match. */
  public void confirm(String txnId) {
    get(txnId).confirm();
  }

  /** The strings differ, or the person gave up. */
  public void cancel(String txnId, boolean mismatch) {
    get(txnId)
        .cancel(
            mismatch ? "m.mismatched_sas" : "m.user",
            mismatch
                ? "The short authentication strings did not match."
                : "Cancelled by the user.");
  }

  public Optional<VerificationStatus> status(String txnId) {
    return Optional.ofNullable(byTxn.get(txnId)).map(SasVerification::status);
  }

  public List<VerificationStatus> all() {
    expire();
    return byTxn.values().stream().map(SasVerification::status).toList();
  }

  private SasVerification get(String txnId) {
    SasVerification v = byTxn.get(txnId);
    if (v == null) {
      throw new IllegalArgumentException(
          "No verification with id " + txnId + "; list current ones with the sessions command.");
    }
    return v;
  }

  private void expire() {
    long now = port.now();
    byTxn.values().stream()
        .filter(v -> now - v.createdAtMs > TIMEOUT_MS)
        .forEach(v -> v.cancel("m.timeout", "The verification took longer than ten minutes."));
    // Finished ones stay listed for a while so chat can report the outcome, then go.
    byTxn
        .values()
        .removeIf(v ->
            now - v.createdAtMs > RETENTION_MS
                && (v.state() == VerificationState.DONE
                    || v.state() == VerificationState.CANCELLED));
  }
}
