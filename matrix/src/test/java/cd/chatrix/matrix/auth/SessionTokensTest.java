package cd.chatrix.matrix.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.matrix.http.MatrixError;
import cd.chatrix.matrix.http.ReloginRequiredException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

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
