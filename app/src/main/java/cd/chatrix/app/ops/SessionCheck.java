package cd.chatrix.app.ops;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether the bot's Matrix session still lives. The session renews itself (refresh, or a new login
 * when that needs no person); once the homeserver has ended it and no renewal works, only a person
 * can help, and {@code /readyz} says so with the reason until the bot is restarted. Reads state the
 * Matrix client keeps; never calls the homeserver.
 */
public final class SessionCheck implements ReadinessCheck {
  static final String NAME = "matrix_session";

  private final Supplier<Optional<String>> ended;

  /**
   * @param ended why the session ended for good, once it has (e.g. {@code
   *     MatrixClient::sessionEnded}); the text is shown on {@code /readyz}, so it holds no secrets
   */
  public SessionCheck(Supplier<Optional<String>> ended) {
    this.ended = Objects.requireNonNull(ended, "ended");
  }

  @Override
  public List<CheckResult> check() {
    return List.of(
        ended.get().map(why -> CheckResult.failing(NAME, why)).orElse(CheckResult.ok(NAME)));
  }
}
