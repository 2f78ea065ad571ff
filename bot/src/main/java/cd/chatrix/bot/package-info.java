/**
 * The ChatOps domain: the commands ({@code commands}, one file each, listed in {@code
 * Commands.ALL}), their grammar ({@code command}), routing, confirmations, monitors, messages,
 * aliases and policy. Talks to the outside only through the ports it owns, so it is tested without
 * a network.
 */
package cd.chatrix.bot;
