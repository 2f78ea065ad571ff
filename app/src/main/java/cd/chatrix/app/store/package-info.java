/**
 * Durable state of the bot: one SQLite database with forward-only migrations, a key/value area and
 * one small repository class per typed table. Nothing that must survive a restart lives only in
 * memory.
 */
package cd.chatrix.app.store;
