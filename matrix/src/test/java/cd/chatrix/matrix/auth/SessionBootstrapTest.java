package cd.chatrix.matrix.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cd.chatrix.matrix.http.MatrixRequest;
import cd.chatrix.testkit.matrix.Dialect;
import cd.chatrix.testkit.matrix.TestHomeserver;
import cd.chatrix.testkit.matrix.TestUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every Matrix-side login method against the test homeserver, and what happens on restart. */
class SessionBootstrapTest {
  private final BootstrapRig rig = new BootstrapRig();

  @AfterEach
  void close() {
    rig.close();
  }

  private long loginRequests() {
    return rig.hs.requests().stream().filter(r -> r.toString().contains("/login")).count();
  }

  @Test
  void passwordLoginAsksForNoRefreshTokenAndARestartKeepsTheDevice() {
    rig.hs.registerUser("bot", "pw");

    Authenticated first =
        rig.bootstrap()
            .establish(new LoginMethod.Password("bot", "pw"), Optional.empty(), "ChatrixCD");
    long loginsAfterFirst = loginRequests();
    Authenticated second =
        rig.bootstrap()
            .establish(new LoginMethod.Password("bot", "pw"), Optional.empty(), "ChatrixCD");

    assertThat(first.session().userId()).isEqualTo("@bot:localhost");
    assertThat(first.session().refreshToken()).isEmpty();
    assertThat(rig.hs.requests().stream().filter(r -> r.toString().contains("/login")))
        .allMatch(r -> !r.toString().contains("refresh_token"));
    assertThat(second.session().deviceId()).isEqualTo(first.session().deviceId());
    assertThat(loginRequests()).isEqualTo(loginsAfterFirst);
    assertThat(rig.whoami(second)).isEqualTo("@bot:localhost");
  }

  @Test
  void aDeadStoredSessionLogsInAgainOnTheSameDevice() {
    rig.hs.registerUser("bot", "pw");
    Authenticated first =
        rig.bootstrap()
            .establish(
                new LoginMethod.Password("bot", "pw"), Optional.of("BOTDEVICE"), "ChatrixCD");
    Session s = first.session();
    rig.store.save(
        new Session(
            s.homeserver(),
            s.userId(),
            s.deviceId(),
            "revoked-token",
            Optional.empty(),
            Optional.empty(),
            new Renewal.None()));

    Authenticated again =
        rig.bootstrap()
            .establish(new LoginMethod.Password("bot", "pw"), Optional.empty(), "ChatrixCD");

    assertThat(again.session().deviceId()).isEqualTo("BOTDEVICE");
    assertThat(again.session().accessToken()).isNotEqualTo("revoked-token");
    assertThat(rig.whoami(again)).isEqualTo("@bot:localhost");
  }

  @Test
  void wrongPasswordIsExplained() {
    rig.hs.registerUser("bot", "pw");
    assertThatThrownBy(() ->
            rig.bootstrap()
                .establish(new LoginMethod.Password("bot", "nope"), Optional.empty(), "x"))
        .isInstanceOf(LoginException.class)
        .hasMessageContaining("refused the credentials")
        .hasMessageNotContaining("nope");
  }

  @Test
  void accessTokenLoginFindsUserAndDevice() {
    TestUser bot = rig.hs.registerUser("bot", "pw");

    Authenticated auth =
        rig.bootstrap()
            .establish(new LoginMethod.AccessToken(bot.accessToken()), Optional.empty(), "x");

    assertThat(auth.session().userId()).isEqualTo(bot.userId());
    assertThat(auth.session().deviceId()).isEqualTo(bot.deviceId());
    assertThat(auth.session().renewal()).isEqualTo(new Renewal.None());
  }

  @Test
  void tokenFileLogin(@TempDir Path dir) throws Exception {
    TestUser bot = rig.hs.registerUser("bot", "pw");
    Path file = dir.resolve("token");
    Files.writeString(file, bot.accessToken() + "\n");

    Authenticated auth =
        rig.bootstrap().establish(new LoginMethod.TokenFile(file), Optional.empty(), "x");

    assertThat(auth.session().userId()).isEqualTo(bot.userId());
  }

  @Test
  void aRejectedAccessTokenSaysWhatToDo() {
    assertThatThrownBy(() ->
            rig.bootstrap().establish(new LoginMethod.AccessToken("bogus"), Optional.empty(), "x"))
        .isInstanceOf(LoginException.class)
        .hasMessageContaining("valid token");
  }

  @Test
  void ssoLoginTokenFromThePastedRedirectUrl() {
    rig.hs.registerUser("bot", "pw");
    String token = rig.hs.issueLoginToken("@bot:localhost");

    Authenticated auth =
        rig.bootstrap()
            .establish(
                new LoginMethod.SsoLoginToken(
                    () -> "http://localhost:9/callback?loginToken=" + token),
                Optional.of("SSODEV"),
                "x");

    assertThat(auth.session().userId()).isEqualTo("@bot:localhost");
    assertThat(auth.session().deviceId()).isEqualTo("SSODEV");
    assertThat(rig.whoami(auth)).isEqualTo("@bot:localhost");
  }

  private LoginMethod.SsoLoginToken sso() {
    return new LoginMethod.SsoLoginToken(() -> rig.hs.issueLoginToken("@bot:localhost"));
  }

  @Test
  void refreshesTheAccessTokenBeforeItExpires() {
    rig.hs.registerUser("bot", "pw");
    rig.hs.accessTokenLifetime(Duration.ofSeconds(2));
    Authenticated auth = rig.bootstrap().establish(sso(), Optional.empty(), "x");
    String initial = auth.tokens().current();

    await().atMost(Duration.ofSeconds(10)).until(() -> !auth.tokens().current().equals(initial));

    assertThat(rig.store.load().orElseThrow().accessToken()).isEqualTo(auth.tokens().current());
    assertThat(rig.hs.requests().stream().filter(r -> r.toString().contains("/refresh")).count())
        .isEqualTo(1);
    assertThat(rig.whoami(auth)).isEqualTo("@bot:localhost");
  }

  @Test
  void softLogoutIsHealedByARefresh() {
    rig.hs.registerUser("bot", "pw");
    Authenticated auth = rig.bootstrap().establish(sso(), Optional.empty(), "x");
    String old = auth.tokens().current();
    rig.hs.faults().expireAccessToken(old);

    assertThat(rig.whoami(auth)).isEqualTo("@bot:localhost");
    assertThat(auth.tokens().current()).isNotEqualTo(old);
  }

  @Test
  void aPasswordBotLogsBackInOnItsDeviceWhenTheServerEndsTheSession() {
    rig.hs.registerUser("bot", "pw");
    Authenticated auth =
        rig.bootstrap()
            .establish(new LoginMethod.Password("bot", "pw"), Optional.of("BOTDEV"), "x");
    String old = auth.tokens().current();
    rig.transports
        .authenticated(rig.hs.baseUri(), auth.tokens())
        .call(MatrixRequest.postJson("/_matrix/client/v3/logout", java.util.Map.of()));

    assertThat(rig.whoami(auth)).isEqualTo("@bot:localhost");
    assertThat(auth.tokens().current()).isNotEqualTo(old);
    assertThat(auth.session().deviceId()).isEqualTo("BOTDEV");
    assertThat(rig.store.load().orElseThrow().accessToken()).isEqualTo(auth.tokens().current());
  }

  @Test
  void aTokenBotCannotLogBackInAndSaysSo() {
    TestUser bot = rig.hs.registerUser("bot", "pw");
    Authenticated auth =
        rig.bootstrap()
            .establish(new LoginMethod.AccessToken(bot.accessToken()), Optional.empty(), "x");
    bot.call("POST", "/_matrix/client/v3/logout", null);

    assertThatThrownBy(() -> rig.whoami(auth))
        .isInstanceOf(cd.chatrix.matrix.http.ReloginRequiredException.class)
        .hasMessageContaining("Log in again");
  }

  @Test
  void aPasswordBotWhoseTokenExpiresLogsInAgainOnTheSameDevice() {
    rig.hs.registerUser("bot", "pw");
    rig.hs.sessionLifetime(Duration.ofSeconds(2));
    Authenticated auth =
        rig.bootstrap()
            .establish(new LoginMethod.Password("bot", "pw"), Optional.of("BOTDEV"), "x");
    String first = auth.tokens().current();
    var devicesAfterLogin = rig.hs.devicesOf("@bot:localhost");
    assertThat(auth.session().expiresAt()).isPresent();

    await().atMost(Duration.ofSeconds(10)).until(() -> !auth.tokens().current().equals(first));

    assertThat(rig.whoami(auth)).isEqualTo("@bot:localhost");
    assertThat(auth.session().deviceId()).isEqualTo("BOTDEV");
    assertThat(rig.hs.devicesOf("@bot:localhost")).isEqualTo(devicesAfterLogin).contains("BOTDEV");
    assertThat(rig.hs.requests()).noneMatch(r -> r.toString().contains("/refresh"));
  }

  @Test
  void aRestartUnderSynapse167WithAnExpiredRefreshableSessionLogsInAgainOnTheStoredDevice() {
    try (TestHomeserver synapse = TestHomeserver.start("localhost", Dialect.SYNAPSE_1_67)) {
      synapse.registerUser("bot", "pw");
      SessionBootstrap boot = rig.bootstrap(synapse);
      Session first =
          new LoginTokenLogin(rig.transports.plain(synapse.baseUri()), Clock.systemUTC())
              .login(synapse.issueLoginToken("@bot:localhost"), Optional.of("KEEPME"), "x");
      // As an older version stored it: refreshable, expired, and its refresh token gone.
      rig.store.save(
          new Session(
              first.homeserver(),
              first.userId(),
              first.deviceId(),
              first.accessToken(),
              Optional.of("syr_not-valid-any-more"),
              Optional.of(java.time.Instant.now().minusSeconds(600)),
              new Renewal.MatrixRefresh()));
      synapse.faults().expireAccessToken(first.accessToken());

      Authenticated again =
          boot.establish(new LoginMethod.Password("bot", "pw"), Optional.empty(), "x");

      assertThat(again.session().deviceId()).isEqualTo("KEEPME");
      assertThat(synapse.devicesOf("@bot:localhost")).contains("KEEPME");
      assertThat(
              rig.transports
                  .authenticated(synapse.baseUri(), again.tokens())
                  .call(MatrixRequest.get("/_matrix/client/v3/account/whoami"))
                  .path("device_id")
                  .asString())
          .isEqualTo("KEEPME");
      assertThat(synapse.requests())
          .anyMatch(r -> r.toString().contains("/v1/refresh"))
          .noneMatch(r -> r.toString().contains("/v3/refresh"));
    }
  }

  @Test
  void anSsoSessionWhoseRefreshIsRefusedEndsOnceAndSaysWhy() {
    rig.hs.registerUser("bot", "pw");
    rig.hs.accessTokenLifetime(Duration.ofSeconds(60));
    Authenticated auth = rig.bootstrap().establish(sso(), Optional.empty(), "x");
    java.util.List<String> ends = new java.util.concurrent.CopyOnWriteArrayList<>();
    auth.tokens().onEnded(ends::add);
    rig.transports
        .authenticated(rig.hs.baseUri(), auth.tokens())
        .call(MatrixRequest.postJson("/_matrix/client/v3/logout", java.util.Map.of()));

    assertThatThrownBy(() -> rig.whoami(auth))
        .isInstanceOf(cd.chatrix.matrix.http.ReloginRequiredException.class);
    assertThatThrownBy(() -> rig.whoami(auth))
        .isInstanceOf(cd.chatrix.matrix.http.ReloginRequiredException.class);
    assertThat(ends).singleElement().asString().contains("restart the bot");
    assertThat(auth.tokens().ended()).isPresent();
  }

  @Test
  void aTokenFileIsReadAgainWhenTheServerEndsTheSession(@TempDir Path dir) throws Exception {
    TestUser bot = rig.hs.registerUser("bot", "pw");
    Path file = dir.resolve("token");
    Files.writeString(file, bot.accessToken() + "\n");
    Authenticated auth =
        rig.bootstrap().establish(new LoginMethod.TokenFile(file), Optional.empty(), "x");
    TestUser rotated = rig.hs.loginUser("bot", "pw");
    Files.writeString(file, rotated.accessToken() + "\n");
    bot.call("POST", "/_matrix/client/v3/logout", null);

    assertThat(rig.whoami(auth)).isEqualTo("@bot:localhost");
    assertThat(auth.tokens().current()).isEqualTo(rotated.accessToken());
  }

  @Test
  void aConfiguredDeviceThatDiffersFromTheStoredOneIsToldOnceAndTheStoredOneKept() {
    rig.hs.registerUser("bot", "pw");
    rig.bootstrap()
        .establish(new LoginMethod.Password("bot", "pw"), Optional.of("STORED"), "ChatrixCD");
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(SessionBootstrap.class);
    var log = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
    log.start();
    logger.addAppender(log);
    try {
      Authenticated again =
          rig.bootstrap()
              .establish(new LoginMethod.Password("bot", "pw"), Optional.of("WANTED"), "ChatrixCD");

      assertThat(again.session().deviceId()).isEqualTo("STORED");
      assertThat(log.list)
          .filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
          .singleElement()
          .satisfies(e ->
              assertThat(e.getFormattedMessage())
                  .contains("WANTED")
                  .contains("STORED")
                  .contains("encryption identity")
                  .contains("delete the store"));
    } finally {
      logger.detachAppender(log);
    }
  }
}
