/**
 * End-to-end encryption for the bot: the pickle key, the bridge that feeds the crypto machine from
 * the Matrix client's sync and sends what it asks for, and the device trust the bot obeys by under
 * {@code matrix.trust_policy: verified} ({@link cd.chatrix.app.adapter.crypto.DeviceTrustCheck}).
 * The machine's store is {@code cd.chatrix.app.store.crypto.SqlCryptoStore}.
 */
package cd.chatrix.app.adapter.crypto;
