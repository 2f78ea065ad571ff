/**
 * The matrix client's store ports on the database: the session, the sync position with the handled
 * event ids, and the outbox of unconfirmed sends. They use the shared key/value table and {@code
 * processed_events}, so they need no migration of their own.
 */
package cd.chatrix.app.store.matrix;
