/**
 * Sending: message content with HTML, mentions and relations; a per-room ordered send queue that
 * takes each send into the outbox when it is handed over (transaction id included, so it survives a
 * crash and is never posted twice) and encrypts it at delivery; media upload; hooks where
 * encryption wraps outgoing events.
 */
package cd.chatrix.matrix.send;
