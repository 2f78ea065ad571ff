/**
 * The command grammar: prefix detection, shell-like tokenising, options, numbers with a range
 * (anything outside it is a usage error saying what is allowed, never an exception), the spec a
 * command is described by (help, syntax errors, roles and device trust are derived from it), name
 * resolution with suggestions, and aliases. The commands themselves are in {@code
 * cd.chatrix.bot.commands}.
 */
package cd.chatrix.bot.command;
