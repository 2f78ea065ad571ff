package cd.chatrix.crypto;

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

  String method();

  /** Path below the homeserver base URL, already URL-encoded. */
  String path();

  /** {@code POST /_matrix/client/v3/keys/upload}. */
  record KeysUpload(String id, JsonNode body) implements OutgoingRequest {
    @Override
    public String method() {
      return "POST";
    }

    @Override
    public String path() {
      return "/_matrix/client/v3/keys/upload";
    }
  }

  /** {@code POST /_matrix/client/v3/keys/query}. */
  record KeysQuery(String id, JsonNode body) implements OutgoingRequest {
    @Override
    public String method() {
      return "POST";
    }

    @Override
    public String path() {
      return "/_matrix/client/v3/keys/query";
    }
  }

  /** {@code POST /_matrix/client/v3/keys/claim}. */
  record KeysClaim(String id, JsonNode body) implements OutgoingRequest {
    @Override
    public String method() {
      return "POST";
    }

    @Override
    public String path() {
      return "/_matrix/client/v3/keys/claim";
    }
  }

  /**
   * {@code PUT /_matrix/client/v3/sendToDevice/{eventType}/{txnId}}; the body is {@code
   * {"messages": {user: {device: content}}}}.
   */
  record ToDevice(String id, String eventType, String txnId, JsonNode body)
      implements OutgoingRequest {
    @Override
    public String method() {
      return "PUT";
    }

    @Override
    public String path() {
      return "/_matrix/client/v3/sendToDevice/"
          + java.net.URLEncoder.encode(eventType, java.nio.charset.StandardCharsets.UTF_8)
          + "/"
          + java.net.URLEncoder.encode(txnId, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** {@code POST /_matrix/client/v3/keys/signatures/upload}. */
  record SignatureUpload(String id, JsonNode body) implements OutgoingRequest {
    @Override
    public String method() {
      return "POST";
    }

    @Override
    public String path() {
      return "/_matrix/client/v3/keys/signatures/upload";
    }
  }

  /**
   * {@code POST /_matrix/client/v3/keys/device_signing/upload}. Servers usually demand
   * user-interactive auth: add the {@code auth} object to a copy of the body when retrying.
   */
  record SigningKeysUpload(String id, JsonNode body) implements OutgoingRequest {
    @Override
    public String method() {
      return "POST";
    }

    @Override
    public String path() {
      return "/_matrix/client/v3/keys/device_signing/upload";
    }
  }

  /** {@code POST /_matrix/client/v3/room_keys/version}: creates a server-side key backup. */
  record BackupVersionCreate(String id, JsonNode body) implements OutgoingRequest {
    @Override
    public String method() {
      return "POST";
    }

    @Override
    public String path() {
      return "/_matrix/client/v3/room_keys/version";
    }
  }

  /** {@code PUT /_matrix/client/v3/room_keys/keys?version=...}: stores encrypted room keys. */
  record BackupKeysUpload(String id, String version, JsonNode body) implements OutgoingRequest {
    @Override
    public String method() {
      return "PUT";
    }

    @Override
    public String path() {
      return "/_matrix/client/v3/room_keys/keys?version="
          + java.net.URLEncoder.encode(version, java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
