package cd.chatrix.app.ops;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code /readyz} asks on every probe. It must answer quickly from state the app already keeps
 * (for example the time of the last successful sync), never by calling a remote server: a probe
 * that blocks on Semaphore would itself time out and hide the real cause.
 */
@FunctionalInterface
public interface ReadinessCheck {

  /** The current result of every check this source knows about; an empty list means ready. */
  List<CheckResult> check();

  /** A check that is always ready, for processes without anything to wait for. */
  static ReadinessCheck alwaysReady() {
    return List::of;
  }

  /** The results of several checks, in the given order. */
  static ReadinessCheck allOf(List<? extends ReadinessCheck> checks) {
    List<ReadinessCheck> copy = List.copyOf(checks);
    return () -> {
      List<CheckResult> results = new ArrayList<>();
      for (ReadinessCheck check : copy) {
        results.addAll(check.check());
      }
      return List.copyOf(results);
    };
  }
}
