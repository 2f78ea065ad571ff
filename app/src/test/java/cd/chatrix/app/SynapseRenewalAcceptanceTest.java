package cd.chatrix.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cd.chatrix.app.boot.demo.RoomEvents;
import cd.chatrix.testkit.matrix.Dialect;
import cd.chatrix.testkit.matrix.TestHomeserver;
import ch.qos.logback.classic.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 15's acceptance, on a homeserver that behaves as Synapse 1.67 (refresh only under {@code
 * /v1}, versions up to v1.2): the bot answers commands after ten renewals of five-second tokens,
 * and a restart with a stored session that has expired for good (Synapse's {@code session_lifetime}
 * passed: the token is expired and the refresh token refused) logs in again on the stored device,
 * keeping its encryption identity.
 */
class SynapseRenewalAcceptanceTest {
  private static final Duration TOKEN = Duration.ofSeconds(5);
  private static final Duration SESSION = Duration.ofSeconds(45);
  private static final String DEVICE = "ACCEPTBOT";

  @org.junit.jupiter.api.Test
  void answersAfterTenRenewalsAndARestartWithAnExpiredSessionKeepsTheDevice() {
    try (RenewingBot bot = new RenewingBot(Dialect.SYNAPSE_1_67)) {
      TestHomeserver hs = bot.sandbox().homeserver();
      String botUser = bot.sandbox().botUserId();
      hs.accessTokenLifetime(TOKEN);
      hs.sessionLifetime(SESSION);
      Instant beforeLogin = Instant.now();
      bot.start(sso(hs.issueLoginToken(botUser)));
      Instant afterLogin = Instant.now();
      bot.ask("!cd ping");

      // Renewal happens on the way to a request, so a person keeps talking to the bot.
      Instant renewalsDue = beforeLogin.plus(SESSION).minusSeconds(5);
      while (bot.renewals() < 10 && Instant.now().isBefore(renewalsDue)) {
        bot.command("!cd ping");
        sleep(Duration.ofMillis(500));
      }
      assertThat(bot.renewals()).as("renewals before the session's end").isGreaterThanOrEqualTo(10);
      assertThat(RoomEvents.body(bot.ask("!cd ping"))).isNotBlank();
      bot.awaitAllAnswered();
      assertThat(hs.requests())
          .anyMatch(r -> r.path().equals("/_matrix/client/v1/refresh"))
          .noneMatch(r -> r.path().equals("/_matrix/client/v3/refresh"));
      List<String> devices = hs.devicesOf(botUser);
      String device = DEVICE;
      assertThat(devices).contains(device);
      JsonNode keys = identityKeys(bot, botUser, device);
      assertThat(keys.size()).isGreaterThanOrEqualTo(2);

      bot.stop();
      Instant sessionEnd = afterLogin.plus(SESSION).plusSeconds(1);
      await("the stored session's end")
          .atMost(SESSION.plusSeconds(5))
          .until(() -> Instant.now().isAfter(sessionEnd));
      int requestsBefore = hs.requests().size();
      bot.start(sso(hs.issueLoginToken(botUser)));

      assertThat(RoomEvents.body(bot.ask("!cd ping"))).isNotBlank();
      bot.awaitAllAnswered();
      assertThat(hs.devicesOf(botUser)).isEqualTo(devices);
      assertThat(identityKeys(bot, botUser, device)).isEqualTo(keys);
      assertThat(hs.requests().subList(requestsBefore, hs.requests().size()))
          .as("a new login on the stored device after the refresh was refused")
          .anyMatch(r -> r.path().endsWith("/refresh"))
          .anyMatch(r ->
              r.path().endsWith("/login")
                  && r.method().equals("POST")
                  && r.body().contains(DEVICE));
      assertThat(bot.lines(Level.WARN))
          .anyMatch(line -> line.contains("stored session") && line.contains(DEVICE));
      assertThat(bot.answersPerCommand()).allMatch(n -> n == 1);
      assertThat(bot.lines(Level.ERROR)).isEmpty();
    }
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static Consumer<ObjectNode> sso(String loginToken) {
    return config ->
        TokenRenewalLongRunTest.matrix(config)
            .put("auth_type", "sso")
            .put("device_id", DEVICE)
            .put("login_token", loginToken)
            .remove("password");
  }

  /** The bot's device keys as the person's client sees them. */
  private static JsonNode identityKeys(RenewingBot bot, String botUser, String device) {
    ObjectNode query = JsonMapper.builder().build().createObjectNode();
    query.putObject("device_keys").putArray(botUser);
    JsonNode answer = bot.person().call("POST", "/_matrix/client/v3/keys/query", query);
    return answer.path("device_keys").path(botUser).path(device).path("keys");
  }
}
