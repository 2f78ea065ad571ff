package cd.chatrix.app.ops;

import java.util.Objects;

/**
 * The outcome of one named readiness check. {@code reason} says what is wrong and is empty when the
 * check passes; it is shown to whoever probes {@code /readyz}, so it must not contain secrets.
 */
public record CheckResult(String name, boolean ok, String reason) {

  public CheckResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reason, "reason");
  }

  /** A passing check. */
  public static CheckResult ok(String name) {
    return new CheckResult(name, true, "");
  }

  /** A failing check with what is wrong, in words an operator can act on. */
  public static CheckResult failing(String name, String reason) {
    return new CheckResult(name, false, reason);
  }
}
