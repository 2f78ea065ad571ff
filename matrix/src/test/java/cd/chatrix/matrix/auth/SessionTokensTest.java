package cd.chatrix.matrix.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.matrix.http.Backoff;
import cd.chatrix.matrix.http.MatrixError;
import cd.chatrix.matrix.http.Passing;
import cd.chatrix.matrix.http.ReloginRequiredException;
import cd.chatrix.matrix.http.RenewalPendingException;
import cd.chatrix.matrix.http.TransportException;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SessionTokensTest {
  private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
  private final MutableClock clock = new MutableClock(t0);
  private final InMemorySessionStore store = new InMemorySessionStore();
  private final AtomicInteger renewals = new AtomicInteger();
  private final TokenRenewer renewer =
      s ->
          s.withTokens(
              "access-" + renewals.incrementAndGet(),
              Optional.of("refresh-" + renewals.get()),
              Optional.of(clock.instant().plus(Duration.ofMinutes(10))));

  private final Logger logger = (Logger) LoggerFactory.getLogger(SessionTokens.class);
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  private final Level levelBefore = logger.getLevel();

  {
    log.start();
    logger.addAppender(log);
    logger.setLevel(Level.INFO);
  }

  @AfterEach
  void detachLog() {
    logger.detachAppender(log);
    logger.setLevel(levelBefore);
  }

  private List<ILoggingEvent> logged(Level level) {
    return log.list.stream().filter(e -> e.getLevel() == level).toList();
  }

  private static final MatrixError SOFT =
      new MatrixError(401, "M_UNKNOWN_TOKEN", "", true, OptionalLong.empty());

  /** Fails (transiently) while {@code down} is set, then renews as {@link #renewer} does. */
  private final class Flaky implements TokenRenewer {
    volatile boolean down = true;
    final List<Instant> calls = new ArrayList<>();

    @Override
    public Session renew(Session current) {
      calls.add(clock.instant());
      if (down) {
        throw new TransportException("POST /refresh", new IOException("refused"));
      }
      return renewer.renew(current);
    }
  }

  private SessionTokens tokens(Session s, TokenRenewer r) {
    return new SessionTokens(
        s,
        store,
        r,
        clock,
        Duration.ofSeconds(60),
        new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(8)));
  }

  private Session session(Instant expiry, Renewal renewal) {
    return new Session(
        URI.create("https://m.org"),
        "@bot:m.org",
        "DEV",
        "access-0",
        Optional.of("refresh-0"),
        Optional.of(expiry),
        renewal);
  }

  @Test
  void renewsShortlyBeforeExpiryAndSavesTheNewTokens() {
    var tokens =
        new SessionTokens(
            session(t0.plus(Duration.ofMinutes(10)), new Renewal.MatrixRefresh()),
            store,
            renewer,
            clock,
            Duration.ofSeconds(60));

    assertThat(tokens.current()).isEqualTo("access-0");
    clock.now = t0.plus(Duration.ofMinutes(9).plusSeconds(1));
    assertThat(tokens.current()).isEqualTo("access-1");
    assertThat(store.load().orElseThrow().refreshToken()).contains("refresh-1");
    assertThat(tokens.current()).isEqualTo("access-1");
    assertThat(renewals).hasValue(1);
  }

  @Test
  void shortLivedTokensUseHalfTheirLifetimeAsMargin() {
    var tokens =
        new SessionTokens(
            session(t0.plusSeconds(10), new Renewal.MatrixRefresh()),
            store,
            renewer,
            clock,
            Duration.ofSeconds(60));
    assertThat(tokens.current()).isEqualTo("access-0");
    clock.now = t0.plusSeconds(6);
    assertThat(tokens.current()).isEqualTo("access-1");
  }

  @Test
  void softLogoutRenewsOnlyOnceForManyRejections() {
    var tokens =
        new SessionTokens(
            session(t0.plus(Duration.ofHours(1)), new Renewal.MatrixRefresh()),
            store,
            renewer,
            clock,
            Duration.ofSeconds(60));
    MatrixError soft = new MatrixError(401, "M_UNKNOWN_TOKEN", "", true, OptionalLong.empty());

    assertThat(tokens.renewAfterRejection("access-0", soft)).isEqualTo("access-1");
    assertThat(tokens.renewAfterRejection("access-0", soft)).isEqualTo("access-1");
    assertThat(renewals).hasValue(1);
  }

  @Test
  void aTokenWithoutRenewalNeedsANewLogin() {
    var tokens =
        new SessionTokens(
            session(t0.plus(Duration.ofHours(1)), new Renewal.None()),
            store,
            renewer,
            clock,
            Duration.ofSeconds(60));
    MatrixError hard = new MatrixError(401, "M_UNKNOWN_TOKEN", "", false, OptionalLong.empty());

    assertThatThrownBy(() -> tokens.renewAfterRejection("access-0", hard))
        .isInstanceOf(ReloginRequiredException.class);
    assertThat(renewals).hasValue(0);
  }

  @Test
  void anEndedSessionIsReplacedByTheReloginOnTheSameDevice() {
    TokenRenewer refused =
        s -> {
          throw new ReloginRequiredException(
              "refresh", new MatrixError(401, "M_UNKNOWN_TOKEN", "", false, OptionalLong.empty()));
        };
    var tokens =
        new SessionTokens(
            session(t0.plus(Duration.ofHours(1)), new Renewal.MatrixRefresh()),
            store,
            refused,
            clock,
            Duration.ofSeconds(60));
    tokens.setRelogin(ended -> ended.withTokens("fresh", Optional.empty(), Optional.empty()));
    MatrixError soft = new MatrixError(401, "M_UNKNOWN_TOKEN", "", true, OptionalLong.empty());

    assertThat(tokens.renewAfterRejection("access-0", soft)).isEqualTo("fresh");
    assertThat(tokens.session().deviceId()).isEqualTo("DEV");
    assertThat(store.load().orElseThrow().accessToken()).isEqualTo("fresh");
  }

  @Test
  void aTransientFailureNoTransportReportedIsAWarning() {
    TokenRenewer providerBusy =
        current -> {
          throw new OAuthTokens.Refused("temporarily_unavailable", "");
        };
    var tokens = tokens(session(t0.plusSeconds(100), new Renewal.MatrixRefresh()), providerBusy);
    clock.now = t0.plusSeconds(50);

    assertThat(tokens.current()).isEqualTo("access-0");
    assertThat(logged(Level.WARN))
        .singleElement()
        .satisfies(e ->
            assertThat(e.getFormattedMessage())
                .contains("Could not renew")
                .contains("temporarily_unavailable"));
  }

  @Test
  void aTransientFailureKeepsTheTokenBacksOffAndSaysSoOnce() {
    Flaky flaky = new Flaky();
    var tokens = tokens(session(t0.plusSeconds(100), new Renewal.MatrixRefresh()), flaky);
    clock.now = t0.plusSeconds(50);

    for (int i = 0; i < 20; i++) {
      assertThat(tokens.current()).isEqualTo("access-0");
    }
    assertThat(flaky.calls).hasSize(1);
    clock.now = clock.now.plusSeconds(3); // past the first pause (at most 2 s)
    assertThat(tokens.current()).isEqualTo("access-0");
    assertThat(flaky.calls).hasSize(2);
    flaky.down = false;
    clock.now = clock.now.plusSeconds(5);

    assertThat(tokens.current()).isEqualTo("access-1");
    // No connection is the transport's outage to warn about; here it is one line of context.
    assertThat(logged(Level.WARN)).isEmpty();
    assertThat(logged(Level.INFO)).hasSize(2);
    assertThat(logged(Level.INFO).getFirst().getFormattedMessage())
        .contains("Could not renew")
        .contains("no connection")
        .doesNotContain("refresh-0");
    assertThat(logged(Level.INFO).get(1).getFormattedMessage()).contains("works again");
    assertThat(logged(Level.ERROR)).isEmpty();
    assertThat(tokens.ended()).isEmpty();
  }

  @Test
  void aRejectedTokenDuringTheBackOffFailsFastWithoutAskingTheServerAgain() {
    Flaky flaky = new Flaky();
    var tokens = tokens(session(t0.plusSeconds(100), new Renewal.MatrixRefresh()), flaky);

    assertThatThrownBy(() -> tokens.renewAfterRejection("access-0", SOFT))
        .isInstanceOf(RenewalPendingException.class)
        .satisfies(e -> assertThat(Passing.failure(e)).as("worth retrying later").isTrue());
    for (int i = 0; i < 10; i++) {
      assertThatThrownBy(() -> tokens.renewAfterRejection("access-0", SOFT))
          .isNotInstanceOf(ReloginRequiredException.class);
    }
    assertThat(flaky.calls).hasSize(1);

    flaky.down = false;
    clock.now = clock.now.plusSeconds(10);
    assertThat(tokens.renewAfterRejection("access-0", SOFT)).isEqualTo("access-1");
    assertThat(tokens.ended()).isEmpty();
  }

  @Test
  void anyRenewalFailureOfAPasswordSessionLogsInAgain() {
    Flaky flaky = new Flaky();
    var tokens = tokens(session(t0.plusSeconds(100), new Renewal.MatrixRefresh()), flaky);
    tokens.setRelogin(ended ->
        new Session(
            ended.homeserver(),
            ended.userId(),
            ended.deviceId(),
            "relogged",
            Optional.empty(),
            Optional.empty(),
            new Renewal.None()));
    clock.now = t0.plusSeconds(60);

    assertThat(tokens.current()).isEqualTo("relogged");
    assertThat(tokens.session().deviceId()).isEqualTo("DEV");
    assertThat(store.load().orElseThrow().accessToken()).isEqualTo("relogged");
    assertThat(logged(Level.WARN)).isEmpty();
  }

  @Test
  void aPermanentFailureKeepsTheTokenUntilRejectedThenEndsTheSessionOnce() {
    TokenRenewer refused =
        s -> {
          throw new ReloginRequiredException(
              "refresh", new MatrixError(401, "M_UNKNOWN_TOKEN", "", false, OptionalLong.empty()));
        };
    AtomicInteger calls = new AtomicInteger();
    TokenRenewer counted =
        s -> {
          calls.incrementAndGet();
          return refused.renew(s);
        };
    var tokens = tokens(session(t0.plusSeconds(100), new Renewal.MatrixRefresh()), counted);
    List<String> ends = new ArrayList<>();
    tokens.onEnded(ends::add);
    clock.now = t0.plusSeconds(60);

    assertThat(tokens.current()).isEqualTo("access-0");
    assertThat(tokens.current()).isEqualTo("access-0");
    assertThat(calls).hasValue(1);
    assertThat(tokens.ended()).isEmpty();

    assertThatThrownBy(() -> tokens.renewAfterRejection("access-0", SOFT))
        .isInstanceOf(ReloginRequiredException.class)
        .hasMessageContaining("Log in again: restart the bot");
    assertThatThrownBy(tokens::current).isInstanceOf(ReloginRequiredException.class);
    assertThat(ends).singleElement().asString().contains("restart the bot");
    assertThat(tokens.ended()).isPresent();
    assertThat(calls).hasValue(1);
    assertThat(logged(Level.WARN)).hasSize(1);
    assertThat(logged(Level.ERROR)).isEmpty(); // the sync loop says it, once
  }

  @Test
  void aStoredSessionThatExpiredWhileStoppedIsRenewedFirst() {
    var tokens = tokens(session(t0.minusSeconds(30), new Renewal.MatrixRefresh()), renewer);

    assertThat(tokens.current()).isEqualTo("access-1");
  }

  static final class MutableClock extends Clock {
    volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
