package cd.chatrix.bot;

import java.time.Instant;
import java.util.Optional;

/**
 * A text message the app received in a room (already decrypted). A reply's {@code body} comes
 * without the quote clients put before it ({@link cd.chatrix.bot.text.ReplyFallback}), so a command
 * sent as a reply is found. {@code threadRoot} is set when it was sent inside a thread, {@code
 * replyTo} when it replies to an event, and {@code trust} says whether the bot may act on what the
 * sending device asks.
 */
public record IncomingMessage(
    String roomId,
    String eventId,
    String sender,
    String senderName,
    String body,
    Instant timestamp,
    Optional<String> threadRoot,
    Optional<String> replyTo,
    SenderTrust trust) {
  public IncomingMessage {
    senderName = senderName == null || senderName.isBlank() ? sender : senderName;
    threadRoot = threadRoot == null ? Optional.empty() : threadRoot;
    replyTo = replyTo == null ? Optional.empty() : replyTo;
    trust = trust == null ? SenderTrust.TRUSTED : trust;
  }

  public IncomingMessage withTrust(SenderTrust newTrust) {
    return new IncomingMessage(
        roomId, eventId, sender, senderName, body, timestamp, threadRoot, replyTo, newTrust);
  }

  public static IncomingMessage of(String roomId, String eventId, String sender, String body) {
    return new IncomingMessage(
        roomId,
        eventId,
        sender,
        sender,
        body,
        Instant.EPOCH,
        Optional.empty(),
        Optional.empty(),
        SenderTrust.TRUSTED);
  }
}
