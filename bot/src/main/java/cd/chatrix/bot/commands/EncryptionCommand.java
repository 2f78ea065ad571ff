package cd.chatrix.bot.commands;

import static cd.chatrix.bot.commands.EncryptionTexts.encryptionOff;

import cd.chatrix.bot.flow.CommandContext;
import cd.chatrix.bot.port.EncryptionPort;
import cd.chatrix.bot.port.PortException;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code sessions} and {@code verify} share: both need the optional encryption port, read a
 * sub-command word first, and answer the port's failures in chat.
 */
final class EncryptionCommand {
  private EncryptionCommand() {}

  /** One sub-command of an encryption command. */
  @FunctionalInterface
  interface Subcommands {
    /**
     * @param word the first word, lower-cased, or the command's default when there is none
     */
    void run(String word, EncryptionPort port);
  }

  /**
   * Says that encryption is off when there is no port; otherwise runs {@code subcommands} with the
   * first word (or {@code bare}) and turns a {@link PortException} into a reply.
   */
  static void run(
      CommandContext ctx, Optional<EncryptionPort> port, String bare, Subcommands subcommands) {
    if (port.isEmpty()) {
      encryptionOff(ctx);
      return;
    }
    String word = ctx.args().positional(0).map(w -> w.toLowerCase(Locale.ROOT)).orElse(bare);
    try {
      subcommands.run(word, port.get());
    } catch (PortException e) {
      ctx.say("❌ " + e.getMessage());
    }
  }
}
