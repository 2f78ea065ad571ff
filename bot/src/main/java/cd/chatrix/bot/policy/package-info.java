/**
 * Who may do what: rooms, roles per command, per-room project and template allow-lists, invites
 * (whom the bot follows, and into which rooms only to say they are not enabled), which commands a
 * device the bot does not trust may still use, and per-user rate limits.
 */
package cd.chatrix.bot.policy;
