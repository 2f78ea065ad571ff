package cd.chatrix.matrix.auth;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** A session store for tests and throw-away runs. */
public final class InMemorySessionStore implements SessionStore {
  private final AtomicReference<Session> session = new AtomicReference<>();

  @Override
  public Optional<Session> load() {
    return Optional.ofNullable(session.get());
  }

  @Override
  public void save(Session newSession) {
    session.set(newSession);
  }
}
