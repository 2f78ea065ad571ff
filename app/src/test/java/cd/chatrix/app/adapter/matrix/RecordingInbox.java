package cd.chatrix.app.adapter.matrix;

import cd.chatrix.bot.IncomingMessage;
import cd.chatrix.bot.IncomingReaction;
import cd.chatrix.bot.policy.InviteVerdict;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers what the router delivered; invites are accepted from {@code acceptFrom} only. */
final class RecordingInbox implements BotInbox {
  final List<IncomingMessage> messages = new CopyOnWriteArrayList<>();
  final List<IncomingReaction> reactions = new CopyOnWriteArrayList<>();
  final List<String> invitesAsked = new CopyOnWriteArrayList<>();
  final List<String> notices = new CopyOnWriteArrayList<>();
  private final String acceptFrom;

  RecordingInbox(String acceptFrom) {
    this.acceptFrom = acceptFrom;
  }

  @Override
  public void onMessage(IncomingMessage message) {
    messages.add(message);
  }

  @Override
  public void onReaction(IncomingReaction reaction) {
    reactions.add(reaction);
  }

  @Override
  public InviteVerdict inviteVerdict(String inviter, String roomId) {
    invitesAsked.add(inviter + " " + roomId);
    return inviter.equals(acceptFrom)
        ? new InviteVerdict.Join()
        : new InviteVerdict.Decline("not " + acceptFrom);
  }

  @Override
  public boolean announceNotEnabled(String roomId) {
    notices.add(roomId);
    return true;
  }

  List<String> bodies() {
    return messages.stream().map(IncomingMessage::body).toList();
  }
}
