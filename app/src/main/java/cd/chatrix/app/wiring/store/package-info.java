/**
 * SQLite-backed implementations of the bot's store ports, plus the aliases.json-backed alias store,
 * so confirmations, runs, audit entries and room settings survive a restart.
 */
package cd.chatrix.app.wiring.store;
