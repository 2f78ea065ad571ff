package cd.chatrix.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.app.config.HttpConfig;
import cd.chatrix.app.config.Secret;
import cd.chatrix.bot.port.BotObserver.CommandOutcome;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpsServerTest {
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final BotMetrics metrics = new BotMetrics();
  private final AtomicBoolean semaphoreUp = new AtomicBoolean(true);
  private final ReadinessCheck readiness =
      () ->
          List.of(
              CheckResult.ok("matrix_sync"),
              semaphoreUp.get()
                  ? CheckResult.ok("semaphore")
                  : CheckResult.failing("semaphore", "no answer from Semaphore for 120 s"));
  private OpsServer server;

  @BeforeEach
  void start() throws IOException {
    server =
        OpsServer.start(
            new HttpConfig(true, "127.0.0.1", 0, Secret.NONE), metrics, readiness, alert -> {});
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void bindsAnEphemeralPortOnLoopback() {
    assertThat(server.port()).isPositive();
    assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
  }

  @Test
  void anHttpBindThatIsNoAddressOfThisMachineIsAnUnusableAddress() {
    for (String bind : List.of("192.0.2.1", "chatrixcd-no-such-host.invalid")) {
      assertThatThrownBy(() ->
              OpsServer.start(
                  new HttpConfig(true, bind, 0, Secret.NONE), metrics, readiness, alert -> {}))
          .isInstanceOf(OpsServer.UnusableAddress.class)
          .hasMessageContaining("http.bind")
          .hasMessageContaining(bind);
    }
  }

  @Test
  void aTakenPortIsNotAnUnusableAddress() {
    assertThatThrownBy(() ->
            OpsServer.start(
                new HttpConfig(true, "127.0.0.1", server.port(), Secret.NONE),
                metrics,
                readiness,
                alert -> {}))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(OpsServer.UnusableAddress.class)
        .hasMessageContaining("http.port");
  }

  @Test
  void healthzAnswersOk() throws Exception {
    HttpResponse<String> response = send("GET", "/healthz");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok\n");
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
  }

  @Test
  void headGetsTheStatusWithoutABody() throws Exception {
    HttpResponse<String> response = send("HEAD", "/healthz");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void readyzFollowsTheChecks() throws Exception {
    HttpResponse<String> ready = send("GET", "/readyz");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body())
        .isEqualTo(
            "{\"ready\":true,\"role\":\"leader\",\"lease_epoch\":0,"
                + "\"checks\":[\"matrix_sync\",\"semaphore\"]}");

    semaphoreUp.set(false);
    HttpResponse<String> notReady = send("GET", "/readyz");
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(notReady.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(notReady.body())
        .contains("\"ready\":false")
        .contains("\"name\":\"semaphore\"")
        .contains("\"reason\":\"no answer from Semaphore for 120 s\"")
        .doesNotContain("matrix_sync");

    semaphoreUp.set(true);
    assertThat(send("GET", "/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void readyzAndMetricsNameTheReplicasRoleAndLeaseEpoch() throws Exception {
    AtomicReference<String> role = new AtomicReference<>("standby");
    metrics.lease(role::get, () -> role.get().equals("leader") ? 7 : 0);

    assertThat(send("GET", "/readyz").body()).contains("\"role\":\"standby\",\"lease_epoch\":0");
    role.set("leader");
    assertThat(send("GET", "/readyz").body()).contains("\"role\":\"leader\",\"lease_epoch\":7");
    assertThat(send("GET", "/metrics").body())
        .contains("chatrixcd_lease_role{role=\"leader\"} 1.0")
        .contains("chatrixcd_lease_role{role=\"standby\"} 0.0")
        .contains("chatrixcd_lease_epoch 7.0");
  }

  @Test
  void aReadinessCheckThatThrowsMeansNotReady() throws Exception {
    server.close();
    server =
        OpsServer.start(
            new HttpConfig(true, "127.0.0.1", 0, Secret.NONE),
            metrics,
            () -> {
              throw new IllegalStateException("boom");
            },
            alert -> {});

    HttpResponse<String> response = send("GET", "/readyz");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body())
        .contains("\"name\":\"readiness\"")
        .contains("IllegalStateException");
  }

  @Test
  void metricsExposesTheCounters() throws Exception {
    metrics.commandHandled(
        "run", CommandOutcome.OK, java.time.Duration.ofMillis(12), java.time.Duration.ZERO);
    metrics.runFinished(BotMetrics.RunOutcome.SUCCESS);

    HttpResponse<String> response = send("GET", "/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(response.body())
        .contains("# TYPE chatrixcd_commands_total counter")
        .contains("chatrixcd_commands_total{command=\"run\",outcome=\"ok\"} 1.0")
        .contains("chatrixcd_runs_total{outcome=\"success\"} 1.0")
        .contains("chatrixcd_command_processing_seconds_count 1")
        .contains("chatrixcd_monitored_tasks 0.0");
  }

  @Test
  void unknownPathsAndPathExtensionsAre404() throws Exception {
    assertThat(send("GET", "/").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/healthz/extra").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/metricsx").statusCode()).isEqualTo(404);
  }

  @Test
  void writesToReadOnlyPathsAre405() throws Exception {
    HttpResponse<String> response = send("POST", "/healthz");

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).contains("GET, HEAD");
  }

  @Test
  void withoutASecretTheWebhookPathDoesNotExist() throws Exception {
    assertThat(server.webhookEnabled()).isFalse();
    assertThat(send("POST", "/hooks/semaphore").statusCode()).isEqualTo(404);
  }

  @Test
  void closeStopsListening() throws Exception {
    int port = server.port();
    server.close();

    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build();
    assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void aTakenPortGivesAnErrorNamingTheSetting() {
    HttpConfig taken = new HttpConfig(true, "127.0.0.1", server.port(), Secret.NONE);

    assertThatThrownBy(() -> OpsServer.start(taken, metrics, readiness, alert -> {}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("http.port");
  }

  @Test
  void startIfEnabledHonoursTheSwitch() throws Exception {
    HttpConfig off = new HttpConfig(false, "127.0.0.1", 0, Secret.NONE);
    assertThat(OpsServer.startIfEnabled(off, metrics, readiness, alert -> {})).isEmpty();

    HttpConfig on = new HttpConfig(true, "127.0.0.1", 0, Secret.NONE);
    try (OpsServer other = OpsServer.startIfEnabled(on, metrics, readiness, alert -> {}).get()) {
      assertThat(other.port()).isPositive().isNotEqualTo(server.port());
    }
  }
}
