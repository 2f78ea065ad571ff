package cd.chatrix.bot.policy;

/** What to do with an invitation, and why. */
public sealed interface InviteVerdict {
  /** Join: the inviter may use the bot and the room is one it serves. */
  record Join() implements InviteVerdict {}

  /**
   * Join, but the room is not in {@code bot.allowed_rooms}: say so once there and answer nothing
   * else, so the inviter learns what an admin has to add instead of meeting silence.
   */
  record JoinNotEnabled() implements InviteVerdict {}

  /** Decline; {@code reason} is for the log (it names config keys, never secrets). */
  record Decline(String reason) implements InviteVerdict {}

  default boolean joins() {
    return !(this instanceof Decline);
  }
}
