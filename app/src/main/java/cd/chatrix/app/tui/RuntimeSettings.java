package cd.chatrix.app.tui;

import java.time.Duration;
import java.util.Objects;

/** The settings an operator may change while the bot runs. */
public record RuntimeSettings(
    String logLevel, boolean greetings, Duration pollInterval, String commandPrefix) {
  public RuntimeSettings {
    Objects.requireNonNull(logLevel, "logLevel");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(commandPrefix, "commandPrefix");
  }
}
