/**
 * The Matrix adapter: the bot's chat port over the matrix client, the router that turns sync events
 * into bot events, and the SQLite stores the matrix client keeps its session, position and outbox
 * in.
 */
package cd.chatrix.app.adapter.matrix;
