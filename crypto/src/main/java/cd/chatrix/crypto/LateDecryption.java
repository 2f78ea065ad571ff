package cd.chatrix.crypto;

import tools.jackson.databind.JsonNode;

/** A room event that failed to decrypt earlier and can be read now that its key arrived. */
public record LateDecryption(
    String roomId, String eventId, JsonNode event, DecryptionResult.Decrypted result) {}
