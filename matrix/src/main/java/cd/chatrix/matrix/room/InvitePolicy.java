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

  /** A decision and why it was taken; the reason goes into the log line, so no secrets. */
  record Answer(Decision decision, String reason) {
    public Answer {
      reason = reason == null ? "" : reason.strip();
    }
  }

  Decision decide(Invite invite);

  /** The decision with its reason; policies that know why override this. */
  default Answer answer(Invite invite) {
    return new Answer(decide(invite), "");
  }
}
