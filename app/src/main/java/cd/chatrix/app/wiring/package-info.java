/**
 * Glue between the app's configuration and the bot module: maps settings to the bot's. The bot's
 * store ports are implemented in {@code cd.chatrix.app.store.bot}.
 */
package cd.chatrix.app.wiring;
