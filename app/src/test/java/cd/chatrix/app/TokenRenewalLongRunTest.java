package cd.chatrix.app;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.testkit.matrix.Dialect;
import cd.chatrix.testkit.matrix.RecordedRequest;
import cd.chatrix.testkit.matrix.TestHomeserver;
import cd.chatrix.testkit.oidc.TestOidcIssuer;
import ch.qos.logback.classic.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * The real bot, for a while, against a homeserver whose access tokens last one second: under each
 * dialect and with each login that can renew by itself (SSO and OIDC client credentials refresh; a
 * password bot logs in again when its session ends). It renews at least {@value #RENEWALS} times
 * while a person keeps sending commands; every command is answered exactly once, nothing is logged
 * at ERROR, and the process ends with no more threads or sockets than it had once running.
 */
class TokenRenewalLongRunTest {
  private static final Duration TOKEN = Duration.ofSeconds(1);
  private static final int RENEWALS = 50;
  private static final Duration AT_MOST = Duration.ofSeconds(75);
  private static final String OIDC_CLIENT = "chatrixcd-bot";
  private static final String OIDC_SECRET = "long-run-client-secret";

  /** A login the bot can repeat or refresh without a person. */
  enum Login {
    PASSWORD,
    SSO,
    OIDC
  }

  static Stream<Arguments> configurations() {
    List<Arguments> all = new ArrayList<>();
    for (Dialect dialect : Dialect.all()) {
      for (Login login : Login.values()) {
        all.add(Arguments.of(dialect, login));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("configurations")
  void renewsManyTimesWhileEveryCommandIsAnsweredOnce(Dialect dialect, Login login) {
    // The issuer outlives the bot: a bot that stops after its identity provider would fail to
    // renew on the way out.
    try (TestOidcIssuer issuer = TestOidcIssuer.start();
        RenewingBot bot = new RenewingBot(dialect)) {
      TestHomeserver hs = bot.sandbox().homeserver();
      bot.start(shortLivedTokens(bot, issuer, login));
      bot.ask("!cd ping"); // warmed up: connections open, pools filled
      long threadsBefore = RenewingBot.threads();
      long socketsBefore = RenewingBot.sockets();
      long renewalsBefore = bot.renewals();
      long serverSideBefore = serverSideRenewals(hs, bot, login);

      long deadline = System.nanoTime() + AT_MOST.toNanos();
      while (bot.renewals() - renewalsBefore < RENEWALS && System.nanoTime() < deadline) {
        bot.command("!cd ping");
        sleep(Duration.ofMillis(500));
      }
      bot.awaitAllAnswered();

      long renewals = bot.renewals() - renewalsBefore;
      assertThat(renewals).as("renewals within %s", AT_MOST).isGreaterThanOrEqualTo(RENEWALS);
      // What the server saw agrees (OIDC renews at the identity provider, not here).
      if (login != Login.OIDC) {
        assertThat(serverSideRenewals(hs, bot, login) - serverSideBefore)
            .isGreaterThanOrEqualTo(RENEWALS);
      }
      if (dialect.equals(Dialect.SYNAPSE_1_67)) {
        assertThat(hs.requests())
            .as("Synapse 1.67 has no /v3/refresh; the bot must not keep asking it")
            .noneMatch(r -> r.path().equals("/_matrix/client/v3/refresh"));
      }
      assertThat(bot.answersPerCommand()).hasSize(bot.commandsSent()).allMatch(n -> n == 1);
      assertThat(bot.lines(Level.ERROR)).isEmpty();
      assertThat(hs.devicesOf(bot.sandbox().botUserId()))
          .as("one device for the bot (plus the sandbox's own session of the account)")
          .hasSizeLessThanOrEqualTo(2);
      // Slack of two for the JDK's own helpers (e.g. a keep-alive timer that comes and goes);
      // a leak per renewal would add fifty.
      assertThat(RenewingBot.threads()).isLessThanOrEqualTo(threadsBefore + 2);
      assertThat(RenewingBot.sockets()).isLessThanOrEqualTo(socketsBefore + 4);
    }
  }

  /** Turns the sandbox's tokens short-lived and the bot's config to {@code login}. */
  private static Consumer<ObjectNode> shortLivedTokens(
      RenewingBot bot, TestOidcIssuer issuer, Login login) {
    TestHomeserver hs = bot.sandbox().homeserver();
    String botUser = bot.sandbox().botUserId();
    return switch (login) {
      case PASSWORD -> {
        // Synapse's session_lifetime: the token (not refreshable) ends, a new login helps.
        hs.sessionLifetime(TOKEN);
        yield config -> {};
      }
      case SSO -> {
        hs.accessTokenLifetime(TOKEN);
        String loginToken = hs.issueLoginToken(botUser);
        yield config ->
            matrix(config)
                .put("auth_type", "sso")
                .put("login_token", loginToken)
                .remove("password");
      }
      case OIDC -> {
        issuer.registerClient(OIDC_CLIENT, OIDC_SECRET);
        issuer.tokenLifetime(TOKEN);
        hs.trustIssuer(issuer, botUser);
        yield config -> {
          ObjectNode matrix = matrix(config);
          matrix.put("auth_type", "oidc").remove("password");
          matrix
              .put("oidc_issuer", issuer.issuerUri().toString())
              .put("oidc_client_id", OIDC_CLIENT)
              .put("oidc_client_secret", OIDC_SECRET);
        };
      }
    };
  }

  /** Logins (password) or refreshes (SSO) of the bot the homeserver received. */
  private static long serverSideRenewals(TestHomeserver hs, RenewingBot bot, Login login) {
    String localpart = bot.sandbox().botUserId().substring(1).split(":")[0];
    return hs.requests().stream()
        .filter(r -> r.method().equals("POST"))
        .filter(r ->
            switch (login) {
              case PASSWORD -> isLogin(r) && r.body().contains(localpart);
              case SSO -> r.canonicalPath().equals("/_matrix/client/v3/refresh");
              case OIDC -> false;
            })
        .count();
  }

  private static boolean isLogin(RecordedRequest r) {
    return r.canonicalPath().equals("/_matrix/client/v3/login");
  }

  static ObjectNode matrix(ObjectNode config) {
    return (ObjectNode) config.get("matrix");
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
