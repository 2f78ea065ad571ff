/**
 * The bot's store ports ({@code cd.chatrix.bot.store}) on the database: confirmations, runs, the
 * audit log, room settings and half-filled runs (key/value entries, {@link
 * cd.chatrix.app.store.bot.SqlFormStore}), plus the aliases in {@code aliases.json}. {@link
 * cd.chatrix.app.store.bot.SqlStores} builds them all; {@link cd.chatrix.app.store.bot.BotTables}
 * holds the bot's migration. Values of secret survey variables are never written: a pending run's
 * secrets stay in {@link cd.chatrix.app.store.bot.SqlConfirmationStore}'s (and a half-filled run's
 * in {@code SqlFormStore}'s) memory, names only in the table.
 */
package cd.chatrix.app.store.bot;
