package cd.chatrix.app.config;

import java.util.Objects;

/**
 * A configuration value that must never be printed: passwords, tokens, client secrets, pickle keys.
 * {@link #toString()} only says whether a value is set, so records holding a Secret can be logged
 * safely; code that needs the value calls {@link #reveal()} at the point of use.
 */
public final class Secret {
  /** The unset secret. */
  public static final Secret NONE = new Secret("");

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** Wraps a value; an empty string gives {@link #NONE}. */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    return value.isEmpty() ? NONE : new Secret(value);
  }

  public boolean isPresent() {
    return !value.isEmpty();
  }

  /** The plain value, or an empty string when unset. Use only where the value is sent. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value.isEmpty() ? "<unset>" : "***";
  }
}
