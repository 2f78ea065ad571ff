package cd.chatrix.app.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A run waiting for the requester's yes or no. {@code id} is what replies and reactions point at
 * (usually the event id of the bot's question); {@code payload} is the owner's own serialised
 * request (JSON).
 */
public record PendingConfirmation(
    String id,
    String roomId,
    String requester,
    String payload,
    Instant createdAt,
    Instant expiresAt) {
  public PendingConfirmation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(roomId, "roomId");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
