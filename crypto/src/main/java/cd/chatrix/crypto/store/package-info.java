/**
 * Persistence boundary of the crypto machine: the {@link cd.chatrix.crypto.store.CryptoStore}
 * interface the app implements on SQLite, its records, and an in-memory implementation for tests.
 */
package cd.chatrix.crypto.store;
