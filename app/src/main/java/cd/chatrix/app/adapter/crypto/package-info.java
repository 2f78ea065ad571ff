/**
 * End-to-end encryption for the bot: the crypto machine's SQLite store and pickle key, and the
 * bridge that feeds it from the Matrix client's sync and sends what it asks for.
 */
package cd.chatrix.app.adapter.crypto;
