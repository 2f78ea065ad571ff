/**
 * The built-in commands, one file per command or per noun with a few commands ({@code Runs}, {@code
 * Tasks}, {@code Logs}, {@code Subscriptions}, {@code Aliases}, {@code Verifications}...). Each
 * declares a {@code static final Command} per command: its spec (name, syntax, role, help text,
 * options, what it changes) next to its handler. {@code Commands.ALL} lists them all, in the order
 * help shows them; {@code CommandRegistryTest} fails when one is declared but not listed. How to
 * add one: CONTRIBUTING.md, "Adding a command".
 */
package cd.chatrix.bot.commands;
