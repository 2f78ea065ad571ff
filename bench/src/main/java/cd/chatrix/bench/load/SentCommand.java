package cd.chatrix.bench.load;

/**
 * One command as the bench sent it.
 *
 * @param eventId the id the homeserver gave the message
 * @param command the command word, for the per-command breakdown
 * @param sentAtNanos {@code System.nanoTime()} just before the send request went out
 */
record SentCommand(String eventId, String command, long sentAtNanos) {}
