package cd.chatrix.matrix.send;

/**
 * A send that may not have reached the server yet. {@code path} already contains the transaction
 * id, so sending it again after a crash is de-duplicated by the homeserver.
 */
public record PendingSend(String txnId, String roomId, String path, String bodyJson) {}
