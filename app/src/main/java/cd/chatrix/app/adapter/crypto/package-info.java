/**
 * End-to-end encryption for the bot: the crypto machine's SQLite store and pickle key, the bridge
 * that feeds it from the Matrix client's sync and sends what it asks for, and the device trust the
 * bot obeys by under {@code matrix.trust_policy: verified} ({@link
 * cd.chatrix.app.adapter.crypto.DeviceTrustCheck}).
 */
package cd.chatrix.app.adapter.crypto;
