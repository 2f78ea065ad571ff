package cd.chatrix.matrix.room;

/** Decides what the bot does with an invitation (the original joined every room blindly). */
@FunctionalInterface
public interface InvitePolicy {
  InvitePolicy ACCEPT_ALL = invite -> Decision.ACCEPT;

  /** Join, decline (leave the invite), or leave it pending for a person to decide. */
  enum Decision {
    ACCEPT,
    DECLINE,
    IGNORE
  }

  Decision decide(Invite invite);
}
