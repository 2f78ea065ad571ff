/**
 * Everything the bot says: replies built as plain text and escaped HTML at once (and shortened at a
 * safe point when one would not fit an event), user input quoted back cut and made visible, the
 * message catalog, log formatting (ANSI to Matrix colours, size caps) and the Ansible failure
 * summary.
 */
package cd.chatrix.bot.text;
