package cd.chatrix.app.adapter.matrix;

import cd.chatrix.bot.Bot;
import cd.chatrix.bot.IncomingMessage;
import cd.chatrix.bot.IncomingReaction;
import cd.chatrix.bot.policy.InviteVerdict;

/** Where the {@link EventRouter} delivers what people do in rooms; normally the {@link Bot}. */
public interface BotInbox {
  void onMessage(IncomingMessage message);

  void onReaction(IncomingReaction reaction);

  /** Whether to join a room {@code inviter} invited the bot to, and why not when it declines. */
  InviteVerdict inviteVerdict(String inviter, String roomId);

  /**
   * Says in a room the bot joined but does not serve that it is not enabled there; returns whether
   * the notice went out. The router calls it once per room.
   */
  boolean announceNotEnabled(String roomId);

  static BotInbox of(Bot bot) {
    return new BotInbox() {
      @Override
      public void onMessage(IncomingMessage message) {
        bot.onMessage(message);
      }

      @Override
      public void onReaction(IncomingReaction reaction) {
        bot.onReaction(reaction);
      }

      @Override
      public InviteVerdict inviteVerdict(String inviter, String roomId) {
        return bot.inviteVerdict(inviter, roomId);
      }

      @Override
      public boolean announceNotEnabled(String roomId) {
        return bot.announceNotEnabled(roomId);
      }
    };
  }
}
