/**
 * The Matrix adapter: the bot's chat port over the matrix client, the router that turns sync events
 * into bot events (each with its sending device's trust) and answers invites, the once-per-room
 * "not enabled" notice ledger, {@link cd.chatrix.app.adapter.matrix.MatrixStores}, which hands the
 * matrix client its stores from {@code cd.chatrix.app.store.matrix}, and the console prompts of an
 * interactive login.
 */
package cd.chatrix.app.adapter.matrix;
