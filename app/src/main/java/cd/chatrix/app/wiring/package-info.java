/**
 * Glue between the app's configuration and storage and the bot module: maps settings and provides
 * the bot's store ports.
 */
package cd.chatrix.app.wiring;
