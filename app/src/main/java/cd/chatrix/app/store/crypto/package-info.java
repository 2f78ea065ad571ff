/**
 * The crypto machine's {@code CryptoStore} on the database, and its tables ({@link
 * cd.chatrix.app.store.crypto.CryptoTables}). The machine seals every pickle with the pickle key
 * before it arrives here.
 */
package cd.chatrix.app.store.crypto;
