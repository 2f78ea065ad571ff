/**
 * Everything the bot says, and the text it reads: replies built as plain text and escaped HTML at
 * once (and shortened at a safe point when one would not fit an event), user input quoted back cut
 * and made visible, the message catalog, log formatting (ANSI to Matrix colours, size caps), the
 * Ansible failure summary, and the reply quote removed from an incoming reply's body.
 */
package cd.chatrix.bot.text;
