package cd.chatrix.app.adapter.matrix;

import cd.chatrix.bot.Bot;
import cd.chatrix.bot.IncomingMessage;
import cd.chatrix.bot.IncomingReaction;

/** Where the {@link EventRouter} delivers what people do in rooms; normally the {@link Bot}. */
public interface BotInbox {
  void onMessage(IncomingMessage message);

  void onReaction(IncomingReaction reaction);

  /** Whether to join a room {@code inviter} invited the bot to (false: decline the invite). */
  boolean acceptsInvite(String inviter, String roomId);

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
      public boolean acceptsInvite(String inviter, String roomId) {
        return bot.shouldAcceptInvite(inviter, roomId);
      }
    };
  }
}
