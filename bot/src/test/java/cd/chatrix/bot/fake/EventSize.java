package cd.chatrix.bot.fake;

import cd.chatrix.bot.port.OutgoingMessage;
import cd.chatrix.bot.port.Relation;
import java.nio.charset.StandardCharsets;

/**
 * The size a message the bot sends will have as a Matrix event, counted conservatively without the
 * matrix module (the bot module may not depend on it).
 *
 * <p>The content is laid out as the app's {@code MatrixChat} and the matrix module's {@code
 * MessageContent} build it: {@code msgtype}, {@code body}, {@code format}, {@code formatted_body},
 * {@code m.mentions}, {@code m.relates_to}; an edit carries {@code "* "}-prefixed copies and the
 * whole message again in {@code m.new_content}. Strings are counted as canonical JSON encodes them
 * (UTF-8, with {@code "}, {@code \} and control characters escaped). The homeserver refuses an
 * event whose PDU, envelope included, is over 65,536 bytes ({@code element-hq/synapse}, {@code
 * synapse/event_auth.py} {@code _check_size_limits}: {@code MAX_PDU_SIZE}). The envelope (event id,
 * room id, sender, auth and prev events, hashes, signatures, depth, timestamps) is allowed {@link
 * #ENVELOPE} bytes, which is generous. In an encrypted room the content travels as base64 of the
 * Megolm-encrypted {@code {type, content, room_id}} (4/3 of it, plus the Megolm message's own
 * version, index, padding, MAC and signature) inside an {@code m.room.encrypted} event with sender
 * key, session id and device id.
 */
public final class EventSize {
  /** Synapse's {@code MAX_PDU_SIZE}. */
  public static final int MAX_EVENT = 65_536;

  /** Room for everything in the PDU besides the content. */
  static final int ENVELOPE = 2_048;

  /** Megolm's own bytes per message: version, index, AES padding, MAC, ed25519 signature. */
  private static final int MEGOLM_OVERHEAD = 128;

  /** The m.room.encrypted content besides the ciphertext: algorithm, keys, ids. */
  private static final int ENCRYPTED_KEYS = 400;

  private EventSize() {}

  /** Bytes of the whole event when {@code m} is sent as a new message. */
  public static int send(String roomId, OutgoingMessage m, boolean encrypted) {
    return wrap(roomId, content(m, m.body(), m.html(), true) + relation(m), encrypted);
  }

  /** Bytes of the whole event when {@code m} replaces the message {@code eventId}. */
  public static int edit(String roomId, String eventId, OutgoingMessage m, boolean encrypted) {
    int fallback = content(m, "* " + m.body(), "* " + m.html(), false);
    int newContent = content(m, m.body(), m.html(), true);
    int relates = 64 + json(eventId);
    return wrap(roomId, fallback + 20 + newContent + relates, encrypted);
  }

  private static int wrap(String roomId, int content, boolean encrypted) {
    if (!encrypted) {
      return content + ENVELOPE;
    }
    int plaintext = content + 64 + json(roomId);
    int ciphertext = (plaintext + MEGOLM_OVERHEAD) * 4 / 3 + 4;
    return ciphertext + ENCRYPTED_KEYS + ENVELOPE;
  }

  private static int content(OutgoingMessage m, String body, String html, boolean mentions) {
    int n = 40 + json(body);
    if (!html.isBlank()) {
      n += 60 + json(html);
    }
    n += 40;
    if (mentions) {
      for (String user : m.mentions()) {
        n += json(user) + 1;
      }
    }
    return n;
  }

  private static int relation(OutgoingMessage m) {
    if (m.relation().isEmpty()) {
      return 0;
    }
    return switch (m.relation().get()) {
      case Relation.Thread t -> 140 + json(t.eventId()) + json(t.replyTo());
      case Relation.Reply r -> 60 + json(r.eventId());
    };
  }

  /** Bytes of {@code s} as a JSON string, quotes included. */
  public static int json(String s) {
    int extra = 2;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        extra += 1;
      } else if (c < 0x20) {
        extra += 5;
      }
    }
    return s.getBytes(StandardCharsets.UTF_8).length + extra;
  }
}
