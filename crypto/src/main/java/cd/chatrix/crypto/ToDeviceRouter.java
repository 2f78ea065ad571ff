package cd.chatrix.crypto;

import cd.chatrix.crypto.verification.Verifications;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Sends each to-device event to the operation that owns it: Olm-encrypted events are decrypted
 * first, room keys are only accepted over Olm, verification goes to SAS, the rest is passed on.
 */
final class ToDeviceRouter {
  private static final Logger LOG = LoggerFactory.getLogger(ToDeviceRouter.class);

  private final OlmDecrypt olmDecrypt;
  private final RoomKeySharing roomKeys;
  private final KeyRequests keyRequests;
  private final IncomingKeyRequests incomingKeyRequests;
  private final Verifications verifications;

  ToDeviceRouter(
      OlmDecrypt olmDecrypt,
      RoomKeySharing roomKeys,
      KeyRequests keyRequests,
      IncomingKeyRequests incomingKeyRequests,
      Verifications verifications) {
    this.olmDecrypt = olmDecrypt;
    this.roomKeys = roomKeys;
    this.keyRequests = keyRequests;
    this.incomingKeyRequests = incomingKeyRequests;
    this.verifications = verifications;
  }

  /**
   * A room key is kept before the session that carried it is committed, so a process killed in
   * between reads the message again when the server repeats it. Other payloads are handled after
   * the commit: their handlers may answer over the same session, which must be the saved one.
   */
  private void onDecrypted(
      OlmDecrypt.Decrypted d,
      List<ToDeviceEvent> passedOn,
      Map<String, RoomKeySharing.NewSession> newSessions) {
    Optional<RoomKeySharing.NewSession> added = Optional.empty();
    try {
      added =
          switch (d.type()) {
            case "m.room_key" -> roomKeys.onRoomKey(d);
            case "m.forwarded_room_key" -> keyRequests.onForwardedKey(d);
            default -> Optional.empty();
          };
    } finally {
      olmDecrypt.commit(d.advance());
    }
    added.ifPresent(s -> newSessions.put(s.roomId() + "|" + s.sessionId(), s));
    switch (d.type()) {
      case "m.room_key", "m.forwarded_room_key", "m.dummy" -> {}
      default -> {
        if (Verifications.isVerificationEvent(d.type())) {
          verifications.handle(d.sender(), d.type(), d.content());
        } else {
          passedOn.add(new ToDeviceEvent(d.type(), d.sender(), d.content(), true, d.device()));
        }
      }
    }
  }

  void route(
      JsonNode event,
      List<ToDeviceEvent> passedOn,
      Map<String, RoomKeySharing.NewSession> newSessions) {
    String type = event.path("type").asString("");
    String sender = event.path("sender").asString("");
    JsonNode content = event.path("content");
    switch (type) {
      case "m.room.encrypted" ->
          olmDecrypt.decrypt(event).ifPresent(d -> onDecrypted(d, passedOn, newSessions));
      case "m.room_key_request" -> incomingKeyRequests.onEvent(sender, content);
      case "m.room_key.withheld" -> roomKeys.onWithheld(sender, content);
      case "m.room_key", "m.forwarded_room_key" ->
          LOG.warn(
              "Ignoring an unencrypted {} from {}: room keys must arrive over Olm", type, sender);
      default -> {
        if (Verifications.isVerificationEvent(type)) {
          verifications.handle(sender, type, content);
        } else {
          passedOn.add(new ToDeviceEvent(type, sender, content, false, Optional.empty()));
        }
      }
    }
  }
}
