/**
 * Everything the bot says: replies built as plain text and escaped HTML at once, the message
 * catalog, log formatting (ANSI to Matrix colours, size caps) and the Ansible failure summary.
 */
package cd.chatrix.bot.text;
