package cd.chatrix.crypto;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * A request the machine wants sent to the homeserver. Send it, then hand the response body to
 * {@link OlmMachine#markRequestAsSent(String, JsonNode)} with the same {@link #id()}. Bodies follow
 * the Matrix client-server spec (v3 endpoints) and contain no secrets in clear.
 */
public sealed interface OutgoingRequest {

  String id();

  /** The JSON body to send. */
  JsonNode body();

  /** {@code PUT} for the two idempotent uploads keyed by the path, {@code POST} for the rest. */
  default String method() {
    return switch (this) {
      case ToDevice r -> "PUT";
      case BackupKeysUpload r -> "PUT";
      default -> "POST";
    };
  }

  /** Path below the homeserver base URL, already URL-encoded. */
  default String path() {
    return "/_matrix/client/v3/"
        + switch (this) {
          case KeysUpload r -> "keys/upload";
          case KeysQuery r -> "keys/query";
          case KeysClaim r -> "keys/claim";
          case ToDevice r -> "sendToDevice/" + encoded(r.eventType()) + "/" + encoded(r.txnId());
          case SignatureUpload r -> "keys/signatures/upload";
          case SigningKeysUpload r -> "keys/device_signing/upload";
          case BackupVersionCreate r -> "room_keys/version";
          case BackupKeysUpload r -> "room_keys/keys?version=" + encoded(r.version());
        };
  }

  private static String encoded(String pathPart) {
    return URLEncoder.encode(pathPart, StandardCharsets.UTF_8);
  }

  /** {@code POST /_matrix/client/v3/keys/upload}. */
  record KeysUpload(String id, JsonNode body) implements OutgoingRequest {}

  /** {@code POST /_matrix/client/v3/keys/query}. */
  record KeysQuery(String id, JsonNode body) implements OutgoingRequest {}

  /** {@code POST /_matrix/client/v3/keys/claim}. */
  record KeysClaim(String id, JsonNode body) implements OutgoingRequest {}

  /**
   * {@code PUT /_matrix/client/v3/sendToDevice/{eventType}/{txnId}}; the body is {@code
   * {"messages": {user: {device: content}}}}.
   */
  record ToDevice(String id, String eventType, String txnId, JsonNode body)
      implements OutgoingRequest {}

  /** {@code POST /_matrix/client/v3/keys/signatures/upload}. */
  record SignatureUpload(String id, JsonNode body) implements OutgoingRequest {}

  /**
   * {@code POST /_matrix/client/v3/keys/device_signing/upload}. Servers usually demand
   * user-interactive auth: add the {@code auth} object to a copy of the body when retrying.
   */
  record SigningKeysUpload(String id, JsonNode body) implements OutgoingRequest {}

  /** {@code POST /_matrix/client/v3/room_keys/version}: creates a server-side key backup. */
  record BackupVersionCreate(String id, JsonNode body) implements OutgoingRequest {}

  /** {@code PUT /_matrix/client/v3/room_keys/keys?version=...}: stores encrypted room keys. */
  record BackupKeysUpload(String id, String version, JsonNode body) implements OutgoingRequest {}
}
