package cd.chatrix.app.ops;

import java.util.List;
import java.util.Optional;

/**
 * Unready while the bot is starting, with what it is waiting for ("starting: waiting for the
 * homeserver at x.org (connection refused)"); ready once it serves. The ops endpoint starts before
 * the bot logs in, so this is what a probe sees during a long start.
 */
public final class StartupCheck implements ReadinessCheck {
  static final String NAME = "startup";

  private volatile Optional<String> waitingFor = Optional.of("starting");

  /** What start-up waits for now, in words; shown after "starting: ". */
  public void waiting(String what) {
    waitingFor = Optional.of("starting: " + what);
  }

  /** Start-up is over: the bot serves. */
  public void done() {
    waitingFor = Optional.empty();
  }

  @Override
  public List<CheckResult> check() {
    return waitingFor
        .map(reason -> List.of(CheckResult.failing(NAME, reason)))
        .orElseGet(() -> List.of(CheckResult.ok(NAME)));
  }
}
