package cd.chatrix.matrix.auth;

import cd.chatrix.matrix.http.AccessTokens;
import cd.chatrix.matrix.http.Backoff;
import cd.chatrix.matrix.http.MatrixError;
import cd.chatrix.matrix.http.ReloginRequiredException;
import cd.chatrix.matrix.http.RenewalPendingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The live session behind the auth layer. Renews the access token shortly before it expires (so
 * requests rarely meet an expired token) and after the server rejects it: by the session's refresh
 * mechanism first, then, if the login needs no person, by logging in again on the same device.
 *
 * <p>A renewal that fails never fails the requests by itself: the current token is used for as long
 * as the server takes it. A transient failure (no connection, 5xx, an unreadable answer) is tried
 * again after a growing back-off, not on every request; a permanent one (the credential is refused,
 * the server cannot renew) is not tried again. Only when the server rejects the token and no
 * renewal works does the session end for good: {@link #ended()} says why and listeners hear it
 * once. The log gets one WARN when renewing starts failing and one INFO when it works again.
 *
 * <p>Only one thread renews at a time. While the token is still valid, the others keep using it
 * instead of waiting for the renewal.
 */
public final class SessionTokens implements AccessTokens {
  private static final Logger LOG = LoggerFactory.getLogger(SessionTokens.class);
  private static final Duration DEFAULT_MARGIN = Duration.ofSeconds(60);
  private static final Backoff DEFAULT_BACKOFF =
      new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5));

  private final SessionStore store;
  private final TokenRenewer renewer;
  private final Clock clock;
  private final Duration margin;
  private final Backoff backoff;
  private final ReentrantLock lock = new ReentrantLock();
  private final List<Consumer<String>> endListeners = new CopyOnWriteArrayList<>();
  private volatile Optional<Relogin> relogin = Optional.empty();
  private volatile Session session;
  private volatile Instant obtainedAt;
  // Renewal trouble; written under the lock.
  private volatile int failures;
  private volatile Optional<Instant> retryAt = Optional.empty();
  private volatile Optional<RenewalFailure> permanentFailure = Optional.empty();
  private volatile Optional<ReloginRequiredException> ended = Optional.empty();

  public SessionTokens(Session session, SessionStore store, TokenRenewer renewer) {
    this(session, store, renewer, Clock.systemUTC(), DEFAULT_MARGIN, DEFAULT_BACKOFF);
  }

  public SessionTokens(
      Session session, SessionStore store, TokenRenewer renewer, Clock clock, Duration margin) {
    this(session, store, renewer, clock, margin, DEFAULT_BACKOFF);
  }

  /**
   * @param backoff the wait between renewal attempts after transient failures
   */
  public SessionTokens(
      Session session,
      SessionStore store,
      TokenRenewer renewer,
      Clock clock,
      Duration margin,
      Backoff backoff) {
    this.session = session;
    this.store = store;
    this.renewer = renewer;
    this.clock = clock;
    this.margin = margin;
    this.backoff = backoff;
    this.obtainedAt = clock.instant();
  }

  /** Logs in again without a person (password, client credentials, token file), same device. */
  @FunctionalInterface
  public interface Relogin {
    Session login(Session ended);
  }

  /** Lets a session that cannot be renewed be replaced by a fresh login. */
  public void setRelogin(Relogin newRelogin) {
    this.relogin = Optional.of(newRelogin);
  }

  public Session session() {
    return session;
  }

  /** Why the session ended for good, once it has; a person must log the bot in again. */
  public Optional<String> ended() {
    return ended.map(SessionTokens::endReason);
  }

  /** Called once, with the reason, when the session ends for good (from a request's thread). */
  public void onEnded(Consumer<String> listener) {
    endListeners.add(listener);
    ended().ifPresent(listener);
  }

  @Override
  public String current() {
    throwIfEnded();
    Session now = session;
    if (dueForRenewal(now) && mayTryNow()) {
      // A token that still works is used while another thread renews it.
      if (expired(now)) {
        lock.lock();
      } else if (!lock.tryLock()) {
        return now.accessToken();
      }
      try {
        if (session == now && mayTryNow()) {
          renewOrKeep(now);
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
      throwIfEnded();
      Session now = session;
      if (!now.accessToken().equals(rejected)) {
        return now.accessToken();
      }
      if (permanentFailure.isEmpty() && !renewable(now)) {
        permanentFailure = Optional.of(RenewalFailure.permanent("this kind of login cannot renew"));
      }
      if (permanentFailure.isPresent()) {
        throw end(error, permanentFailure.get());
      }
      if (!mayTryNow()) {
        // Renewing failed a moment ago; asking again on every rejected request would hammer the
        // server. The request fails; its caller retries after its own back-off.
        throw new RenewalPendingException("a request", error, "is backing off after a failure");
      }
      Optional<RenewalFailure> failure = attempt(now);
      if (failure.isEmpty()) {
        return session.accessToken();
      }
      recordFailure(failure.get());
      if (failure.get().permanent()) {
        throw end(error, failure.get());
      }
      throw new RenewalPendingException("a request", error, "failed: " + failure.get().reason());
    } finally {
      lock.unlock();
    }
  }

  /** Renews ahead of expiry; a failure is recorded and the current token kept. */
  private void renewOrKeep(Session now) {
    attempt(now).ifPresent(this::recordFailure);
  }

  /**
   * Refresh if the session can, then a new login if that needs no person. Empty when the session
   * has new tokens.
   */
  private Optional<RenewalFailure> attempt(Session now) {
    Optional<RenewalFailure> failure = Optional.empty();
    if (canRefresh(now)) {
      try {
        adopt(renewer.renew(now));
        return Optional.empty();
      } catch (RuntimeException e) {
        failure = Optional.of(RenewalFailure.of(e));
        LOG.debug("Refreshing the session of {} failed: {}", now.userId(), failure.get().reason());
      }
    }
    if (relogin.isPresent()) {
      try {
        Session fresh = relogin.get().login(now);
        LOG.info(
            "Logged {} in again on device {} for a new access token",
            fresh.userId(),
            fresh.deviceId());
        adopt(fresh);
        return Optional.empty();
      } catch (RuntimeException e) {
        RenewalFailure loginFailure = RenewalFailure.of(e);
        failure = Optional.of(failure.map(f -> f.and(loginFailure)).orElse(loginFailure));
      }
    }
    return Optional.of(
        failure.orElse(RenewalFailure.permanent("this kind of login cannot renew its token")));
  }

  private void adopt(Session renewed) {
    store.save(renewed);
    obtainedAt = clock.instant();
    session = renewed;
    LOG.debug("New access token for {} on device {}", renewed.userId(), renewed.deviceId());
    if (failures > 0 || permanentFailure.isPresent()) {
      LOG.info("Renewing the access token of {} works again", renewed.userId());
    }
    failures = 0;
    retryAt = Optional.empty();
    permanentFailure = Optional.empty();
  }

  private void recordFailure(RenewalFailure failure) {
    Session now = session;
    if (failure.permanent()) {
      if (permanentFailure.isEmpty()) {
        LOG.warn(
            "Cannot renew the access token of {} ({}); using it for as long as the homeserver"
                + " accepts it",
            now.userId(),
            failure.reason());
      }
      permanentFailure = Optional.of(failure);
      return;
    }
    Duration wait = backoff.delay(failures);
    if (failures == 0) {
      // When the transport's outage log has already warned (host, endpoint, cause), this line
      // only adds what it means for the session, so it is not a second warning.
      LOG.atLevel(failure.outageLogged() ? Level.INFO : Level.WARN)
          .log(
              "Could not renew the access token of {} ({}); keeping the current one and trying"
                  + " again with a growing pause",
              now.userId(),
              failure.reason());
    } else {
      LOG.debug(
          "Renewal attempt {} failed ({}); next in {} ms", failures, failure, wait.toMillis());
    }
    failures++;
    retryAt = Optional.of(clock.instant().plus(wait));
  }

  private ReloginRequiredException end(MatrixError error, RenewalFailure failure) {
    ReloginRequiredException reason =
        new ReloginRequiredException("renewal", error, failure.reason());
    if (ended.isEmpty()) {
      ended = Optional.of(reason);
      // No log line here: the sync loop stops on this exception with one ERROR line saying it.
      String text = endReason(reason);
      endListeners.forEach(listener -> listener.accept(text));
    }
    return ended.get();
  }

  private void throwIfEnded() {
    Optional<ReloginRequiredException> gone = ended;
    if (gone.isPresent()) {
      throw gone.get();
    }
  }

  private static String endReason(ReloginRequiredException e) {
    return "the homeserver ended the bot's session ("
        + e.error().errcode()
        + ") and renewing it failed ("
        + (e.why().isBlank() ? "nothing to renew with" : e.why())
        + "); restart the bot to log in again";
  }

  private boolean mayTryNow() {
    if (permanentFailure.isPresent()) {
      return false;
    }
    Optional<Instant> next = retryAt;
    return next.isEmpty() || !clock.instant().isBefore(next.get());
  }

  private boolean renewable(Session s) {
    return canRefresh(s) || relogin.isPresent();
  }

  private static boolean canRefresh(Session s) {
    return switch (s.renewal()) {
      case Renewal.None n -> false;
      case Renewal.MatrixRefresh m -> s.refreshToken().isPresent();
      case Renewal.OAuth o -> s.refreshToken().isPresent() || o.confidential();
    };
  }

  private boolean expired(Session s) {
    return s.expiresAt().map(e -> !clock.instant().isBefore(e)).orElse(false);
  }

  private boolean dueForRenewal(Session s) {
    Optional<Instant> expiry = s.expiresAt();
    if (expiry.isEmpty() || !renewable(s)) {
      return false;
    }
    // Short-lived tokens get half their lifetime as margin, so they are not renewed on every call.
    Duration lifetime = Duration.between(obtainedAt, expiry.get());
    if (lifetime.isNegative() || lifetime.isZero()) {
      return true; // a stored session that expired while the bot was stopped
    }
    Duration effective =
        lifetime.dividedBy(2).compareTo(margin) < 0 ? lifetime.dividedBy(2) : margin;
    return !clock.instant().isBefore(expiry.get().minus(effective));
  }
}
