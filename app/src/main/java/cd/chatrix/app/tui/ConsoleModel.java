package cd.chatrix.app.tui;

import java.util.List;
import java.util.Optional;

/**
 * What the console reads, polled about once a second from a background thread. Implementations
 * return current values quickly and never block on the network; every method may be called
 * concurrently with the bot's own work. Nothing returns {@code null}: use empty lists and strings.
 */
public interface ConsoleModel {
  StatusSnapshot status();

  List<RoomView> rooms();

  /** Matrix user ids allowed to administer the bot. */
  List<String> admins();

  /** The bot's own and its admins' devices, with the bot's trust in each. */
  List<DeviceView> sessions();

  List<AliasView> aliases();

  /** Running and recently finished task runs, newest first. */
  List<TaskView> tasks();

  /** The effective configuration as text, with secrets already redacted. */
  String effectiveConfig();

  /** The current runtime settings, as the Set screen's starting values. */
  RuntimeSettings settings();

  /** Whether stopping the bot posts a goodbye in a room, for the quit dialog to say so. */
  default boolean saysGoodbye() {
    return settings().greetings();
  }

  /** The verification in progress, if any. */
  Optional<VerificationView> verification();

  /** The most recent log lines, oldest first (usually {@link ConsoleLogBuffer#lines()}). */
  List<LogLine> recentLogs();
}
