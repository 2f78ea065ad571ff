/**
 * The command grammar: prefix detection, shell-like tokenising, options, numbers with a range
 * (anything outside it is a usage error saying what is allowed, never an exception), the command
 * table that help is generated from, name resolution with suggestions, and aliases.
 */
package cd.chatrix.bot.command;
