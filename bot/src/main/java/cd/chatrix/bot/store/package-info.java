/**
 * What the bot must remember across restarts (confirmations, half-filled runs, monitored runs,
 * audit, aliases, room settings), as ports with in-memory implementations; the app provides
 * SQL-backed ones.
 */
package cd.chatrix.bot.store;
