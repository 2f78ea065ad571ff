/**
 * Who may do what: rooms, roles per command, per-room project and template allow-lists, invites and
 * per-user rate limits.
 */
package cd.chatrix.bot.policy;
