/**
 * What happens after a message, reaction or task update arrives: command handlers, confirmations
 * and approvals, run monitoring with one living status message, and log streaming.
 */
package cd.chatrix.bot.flow;
