/**
 * Start-up that waits: the servers the bot needs may come up after it does (a host that reboots, a
 * compose file that starts everything at once), so an unreachable homeserver is waited for with a
 * capped back-off instead of ending the process, while a server that refuses the bot's credentials
 * ends it at once with a configuration error that names the key to fix.
 */
package cd.chatrix.app.boot.startup;
