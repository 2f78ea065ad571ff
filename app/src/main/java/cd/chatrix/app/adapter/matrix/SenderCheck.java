package cd.chatrix.app.adapter.matrix;

import cd.chatrix.bot.SenderTrust;
import cd.chatrix.matrix.sync.RoomEvent;

/**
 * How far the bot may trust the device that sent a room event ({@code matrix.trust_policy}). The
 * crypto adapter knows devices; the router only asks.
 */
@FunctionalInterface
public interface SenderCheck {
  /** {@code trust_policy: all}: every device may ask for anything its user's role allows. */
  SenderCheck ANY_DEVICE = event -> SenderTrust.TRUSTED;

  SenderTrust of(RoomEvent event);
}
