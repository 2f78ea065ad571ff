/**
 * The command grammar: prefix detection, shell-like tokenising, options, the command table that
 * help is generated from, name resolution with suggestions, and aliases.
 */
package cd.chatrix.bot.command;
