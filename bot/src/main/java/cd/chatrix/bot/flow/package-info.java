/**
 * What happens after a message, reaction or task update arrives: the {@code Dispatcher} (alias
 * expansion, lookup with suggestions, the role and device-trust checks, every failure turned into a
 * reply, timing), confirmations and approvals, guided runs (the {@code Forms} that ask for a
 * template's survey in the run's thread, a secret from a room without encryption in a private
 * encrypted room, the numbered {@code Picks} when a name is unclear), run monitoring with one
 * living status message, and log streaming. Which commands exist is not its business: it routes to
 * the {@code Command}s of the {@code CommandList} it is given.
 */
package cd.chatrix.bot.flow;
