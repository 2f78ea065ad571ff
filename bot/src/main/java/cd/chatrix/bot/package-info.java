/**
 * The ChatOps domain: command grammar and handlers, confirmations, monitors, messages, aliases and
 * policy. Talks to the outside only through the ports it owns, so it is tested without a network.
 */
package cd.chatrix.bot;
