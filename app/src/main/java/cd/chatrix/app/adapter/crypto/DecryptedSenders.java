package cd.chatrix.app.adapter.crypto;

import cd.chatrix.crypto.DecryptionResult;
import cd.chatrix.crypto.SenderTrust;
import cd.chatrix.matrix.sync.RoomEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Who sent the events the bridge decrypted: the sending device (from the Megolm session and its
 * sender key) and its trust at decryption time, for the handlers that see the event next.
 *
 * <p>Looked up by the clear event's own JSON object, by identity: only an event this bridge built
 * can match, so an unencrypted event cannot claim another event's device by reusing its id.
 */
public final class DecryptedSenders {
  /** Handlers see an event right after it was decrypted; this many cover every lane's backlog. */
  private static final int REMEMBERED = 4_096;

  /**
   * The device an encrypted event came from, as the crypto machine judged it.
   *
   * @param deviceId the device of the Megolm session's sender key, or, when that key matches no
   *     device known yet, the id the sender wrote on the encrypted event (unproven)
   */
  public record Sender(Optional<String> deviceId, SenderTrust trust) {}

  private record Remembered(JsonNode raw, Sender sender) {}

  private final Map<String, Remembered> byEventId =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
          return size() > REMEMBERED;
        }
      };

  /** Remembers who sent {@code clear}, decrypted from {@code encrypted}; returns {@code clear}. */
  RoomEvent remember(RoomEvent encrypted, RoomEvent clear, DecryptionResult.Decrypted result) {
    Optional<String> device =
        result
            .senderDeviceId()
            .or(() ->
                Optional.of(encrypted.content().path("device_id").asString(""))
                    .filter(id -> !id.isBlank()));
    synchronized (byEventId) {
      byEventId.put(
          clear.eventId(), new Remembered(clear.raw(), new Sender(device, result.trust())));
    }
    return clear;
  }

  Optional<Sender> of(RoomEvent event) {
    synchronized (byEventId) {
      Remembered entry = byEventId.get(event.eventId());
      return entry != null && entry.raw() == event.raw()
          ? Optional.of(entry.sender())
          : Optional.empty();
    }
  }
}
