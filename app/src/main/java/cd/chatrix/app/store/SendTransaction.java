package cd.chatrix.app.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A Matrix send identified by its transaction id. {@code eventId} is empty until the homeserver has
 * acknowledged the send; a send still empty after a restart is retried with the same {@code txnId},
 * which the homeserver deduplicates.
 */
public record SendTransaction(
    String txnId, String roomId, Instant createdAt, Optional<String> eventId) {
  public SendTransaction {
    Objects.requireNonNull(txnId, "txnId");
    Objects.requireNonNull(roomId, "roomId");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(eventId, "eventId");
  }
}
