package cd.chatrix.bot.policy;

import cd.chatrix.bot.command.CommandSpec;
import java.util.List;

/**
 * What a device the bot does not trust may still ask for: commands that change nothing. Under
 * {@code matrix.trust_policy: verified} such a device cannot read the bot's answers in an encrypted
 * room anyway (it gets no room keys), and in an unencrypted room everyone in it can read them; what
 * it must never do is start, stop, confirm, reject or approve, change room settings or aliases,
 * join or leave rooms, verify devices or shut the bot down. Each command's spec says which it is
 * ({@link CommandSpec#effect}); a command that says nothing changes something.
 */
public final class DeviceTrustRule {
  private DeviceTrustRule() {}

  /** Whether {@code spec} with these words after its name leaves everything as it was. */
  public static boolean changesNothing(CommandSpec spec, List<String> arguments) {
    return switch (spec.effect()) {
      case READS -> true;
      case READS_WHEN_BARE -> arguments.isEmpty();
      case CHANGES -> false;
    };
  }
}
