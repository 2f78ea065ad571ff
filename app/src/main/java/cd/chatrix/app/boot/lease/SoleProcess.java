package cd.chatrix.app.boot.lease;

import cd.chatrix.app.ops.ReadinessCheck;
import cd.chatrix.bot.port.RunnerPort;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** SQLite: one process owns the database file, so it always leads, in a fixed epoch. */
record SoleProcess() implements Leadership {

  @Override
  public boolean awaitLeadership(BooleanSupplier stopRequested) {
    return true;
  }

  @Override
  public Role role() {
    return Role.LEADER;
  }

  @Override
  public long epoch() {
    return 0;
  }

  @Override
  public void whenActingAgain(Runnable action) {
    // One process on its own file: no lease to lose, nothing to come back from.
  }

  @Override
  public void whenStandingBy(Consumer<String> action) {
    // It never stands by.
  }

  @Override
  public ReadinessCheck readiness() {
    return ReadinessCheck.alwaysReady();
  }

  @Override
  public RunnerPort guard(RunnerPort runner) {
    return runner;
  }

  @Override
  public void close() {}
}
