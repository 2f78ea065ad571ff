/**
 * Sending: message content with HTML, mentions and relations; a per-room ordered send queue whose
 * transaction ids survive restarts; media upload; hooks where encryption wraps outgoing events.
 */
package cd.chatrix.matrix.send;
