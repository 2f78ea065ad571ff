package cd.chatrix.bot.policy;

import cd.chatrix.bot.command.CommandSpec;
import java.util.List;
import java.util.Set;

/**
 * What a device the bot does not trust may still ask for: commands that change nothing. Under
 * {@code matrix.trust_policy: verified} such a device cannot read the bot's answers in an encrypted
 * room anyway (it gets no room keys), and in an unencrypted room everyone in it can read them; what
 * it must never do is start, stop, confirm, reject or approve, change room settings or aliases,
 * join or leave rooms, verify devices or shut the bot down.
 */
public final class DeviceTrustRule {
  /** Commands that only read, whatever their arguments. */
  static final Set<String> READ_ONLY =
      Set.of(
          "help",
          "projects",
          "templates",
          "status",
          "logs",
          "ping",
          "info",
          "admins",
          "sessions",
          "audit",
          "pet",
          "scold");

  /**
   * Commands that only list when given no arguments ({@code rooms}, {@code aliases}, {@code
   * verify}) or only say how to use them ({@code log}); with arguments they change something.
   */
  static final Set<String> READ_ONLY_BARE = Set.of("rooms", "aliases", "log", "verify");

  private DeviceTrustRule() {}

  /** Whether {@code spec} with these words after its name leaves everything as it was. */
  public static boolean changesNothing(CommandSpec spec, List<String> arguments) {
    return READ_ONLY.contains(spec.name())
        || (READ_ONLY_BARE.contains(spec.name()) && arguments.isEmpty());
  }
}
