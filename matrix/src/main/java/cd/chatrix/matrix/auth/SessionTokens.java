package cd.chatrix.matrix.auth;

import cd.chatrix.matrix.http.AccessTokens;
import cd.chatrix.matrix.http.MatrixError;
import cd.chatrix.matrix.http.ReloginRequiredException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live session behind the auth layer. Renews the access token shortly before it expires (so
 * requests rarely meet an expired token) and after the server rejects it with a soft logout. Only
 * one thread renews at a time; the others then use the result.
 */
public final class SessionTokens implements AccessTokens {
  private static final Logger LOG = LoggerFactory.getLogger(SessionTokens.class);
  private static final Duration DEFAULT_MARGIN = Duration.ofSeconds(60);

  private final SessionStore store;
  private final TokenRenewer renewer;
  private final Clock clock;
  private final Duration margin;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile Optional<Relogin> relogin = Optional.empty();
  private volatile Session session;
  private volatile Instant obtainedAt;
  private volatile String announcedEnd = "";

  public SessionTokens(Session session, SessionStore store, TokenRenewer renewer) {
    this(session, store, renewer, Clock.systemUTC(), DEFAULT_MARGIN);
  }

  public SessionTokens(
      Session session, SessionStore store, TokenRenewer renewer, Clock clock, Duration margin) {
    this.session = session;
    this.store = store;
    this.renewer = renewer;
    this.clock = clock;
    this.margin = margin;
    this.obtainedAt = clock.instant();
  }

  /** Logs in again without a person (password, client credentials), on the same device. */
  @FunctionalInterface
  public interface Relogin {
    Session login(Session ended);
  }

  /** Lets a session that the server ended for good be replaced by a fresh login. */
  public void setRelogin(Relogin newRelogin) {
    this.relogin = Optional.of(newRelogin);
  }

  public Session session() {
    return session;
  }

  @Override
  public String current() {
    Session now = session;
    if (expiresSoon(now)) {
      lock.lock();
      try {
        if (session == now) {
          renew(now, "it expires soon");
        }
      } finally {
        lock.unlock();
      }
    }
    return session.accessToken();
  }

  @Override
  public String renewAfterRejection(String rejected, MatrixError error) {
    lock.lock();
    try {
      Session now = session;
      if (!now.accessToken().equals(rejected)) {
        return now.accessToken();
      }
      if (!canRenew(now) || (!error.softLogout() && now.refreshToken().isEmpty())) {
        loginAgain(now, new ReloginRequiredException("access token", error));
      } else {
        renew(now, "the server rejected it");
      }
      return session.accessToken();
    } finally {
      lock.unlock();
    }
  }

  private void renew(Session now, String why) {
    LOG.info("Renewing the access token of {} because {}", now.userId(), why);
    Session renewed;
    try {
      renewed = renewer.renew(now);
    } catch (ReloginRequiredException e) {
      loginAgain(now, e);
      return;
    }
    adopt(renewed);
  }

  private void loginAgain(Session ended, ReloginRequiredException reason) {
    if (relogin.isEmpty()) {
      throw reason;
    }
    // Said once per ended session: a new login that meets an outage is tried again for the same
    // ended session, and the transport logs that outage itself.
    if (!ended.accessToken().equals(announcedEnd)) {
      announcedEnd = ended.accessToken();
      LOG.warn(
          "The session of {} ended; logging in again on device {}",
          ended.userId(),
          ended.deviceId());
    }
    adopt(relogin.get().login(ended));
  }

  private void adopt(Session renewed) {
    store.save(renewed);
    obtainedAt = clock.instant();
    session = renewed;
  }

  private boolean canRenew(Session s) {
    return switch (s.renewal()) {
      case Renewal.None n -> false;
      case Renewal.MatrixRefresh m -> s.refreshToken().isPresent();
      case Renewal.OAuth o -> s.refreshToken().isPresent() || o.confidential();
    };
  }

  private boolean expiresSoon(Session s) {
    Optional<Instant> expiry = s.expiresAt();
    if (expiry.isEmpty() || !canRenew(s)) {
      return false;
    }
    // Short-lived tokens get half their lifetime as margin, so they are not renewed on every call.
    Duration lifetime = Duration.between(obtainedAt, expiry.get());
    Duration effective =
        lifetime.dividedBy(2).compareTo(margin) < 0 ? lifetime.dividedBy(2) : margin;
    return !clock.instant().isBefore(expiry.get().minus(effective));
  }
}
