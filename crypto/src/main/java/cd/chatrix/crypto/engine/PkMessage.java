package cd.chatrix.crypto.engine;

/** The three unpadded-base64 fields of a key-backup session_data. */
public record PkMessage(String ciphertext, String mac, String ephemeral) {}
