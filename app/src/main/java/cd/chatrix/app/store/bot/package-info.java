/**
 * The bot's store ports ({@code cd.chatrix.bot.store}) on the database: confirmations, runs, the
 * audit log and room settings, plus the aliases in {@code aliases.json}. {@link
 * cd.chatrix.app.store.bot.SqlStores} builds them all; {@link cd.chatrix.app.store.bot.BotTables}
 * holds the bot's migration.
 */
package cd.chatrix.app.store.bot;
