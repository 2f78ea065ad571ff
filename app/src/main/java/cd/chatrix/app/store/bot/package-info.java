/**
 * The bot's store ports ({@code cd.chatrix.bot.store}) on the database: confirmations, runs, the
 * audit log and room settings, plus the aliases in {@code aliases.json}. {@link
 * cd.chatrix.app.store.bot.SqlStores} builds them all; {@link cd.chatrix.app.store.bot.BotTables}
 * holds the bot's migration. Values of secret survey variables are never written: a pending run's
 * secrets stay in {@link cd.chatrix.app.store.bot.SqlConfirmationStore}'s memory, names only in the
 * table.
 */
package cd.chatrix.app.store.bot;
