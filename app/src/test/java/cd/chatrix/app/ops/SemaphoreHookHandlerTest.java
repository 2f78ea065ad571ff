package cd.chatrix.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.config.HttpConfig;
import cd.chatrix.app.config.Secret;
import cd.chatrix.semaphore.model.TaskStatus;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SemaphoreHookHandlerTest {
  private static final String SECRET = "hook-secret-0123456789";

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final BotMetrics metrics = new BotMetrics();
  private final List<SemaphoreAlert> received = new CopyOnWriteArrayList<>();
  private OpsServer server;

  private void start(Consumer<SemaphoreAlert> consumer) throws IOException {
    server =
        OpsServer.start(
            new HttpConfig(true, "127.0.0.1", 0, Secret.of(SECRET)),
            metrics,
            ReadinessCheck.alwaysReady(),
            consumer);
  }

  private void start() throws IOException {
    start(received::add);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private HttpRequest.Builder post(String pathAndQuery, HttpRequest.BodyPublisher body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(body);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String slackError() {
    return SemaphorePayloads.slack(
        "Deploy web",
        SemaphorePayloads.taskUrl(3, 7, 1042),
        1042,
        "\u274CERROR",
        "danger",
        "Alice Doe",
        "");
  }

  private String metricsText() {
    return PrometheusTextFormatWriter.create().toDebugString(metrics.registry().scrape());
  }

  @Test
  void aWrongSecretIs401AndNothingIsDelivered() throws Exception {
    start();

    HttpResponse<String> response =
        send(
            post("/hooks/semaphore", HttpRequest.BodyPublishers.ofString(slackError()))
                .header("X-ChatrixCD-Secret", "not-the-secret"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).doesNotContain("not-the-secret");
    assertThat(received).isEmpty();
    assertThat(metricsText())
        .contains("chatrixcd_webhook_requests_total{result=\"unauthorized\"} 1.0");
  }

  @Test
  void aMissingSecretIs401() throws Exception {
    start();

    HttpResponse<String> response =
        send(post("/hooks/semaphore", HttpRequest.BodyPublishers.ofString(slackError())));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(received).isEmpty();
  }

  @Test
  void aGoodAlertReachesTheConsumerParsed() throws Exception {
    start();

    HttpResponse<String> response =
        send(
            post("/hooks/semaphore", HttpRequest.BodyPublishers.ofString(slackError()))
                .header("X-ChatrixCD-Secret", SECRET));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"task_id\":1042");
    assertThat(received).hasSize(1);
    SemaphoreAlert alert = received.getFirst();
    assertThat(alert.taskId()).isEqualTo(1042);
    assertThat(alert.projectId()).isEqualTo(OptionalLong.of(3));
    assertThat(alert.templateName()).isEqualTo("Deploy web");
    assertThat(alert.status()).contains(TaskStatus.ERROR);
    assertThat(alert.author()).isEqualTo("Alice Doe");
    assertThat(metricsText()).contains("chatrixcd_webhook_requests_total{result=\"accepted\"} 1.0");
  }

  @Test
  void basicAuthFromTheUrlUserInfoWorks() throws Exception {
    start();
    String basic =
        Base64.getEncoder()
            .encodeToString(("semaphore:" + SECRET).getBytes(StandardCharsets.UTF_8));

    HttpResponse<String> response =
        send(
            post("/hooks/semaphore", HttpRequest.BodyPublishers.ofString(slackError()))
                .header("Authorization", "Basic " + basic));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(received).hasSize(1);
  }

  @Test
  void theQueryParameterWorks() throws Exception {
    start();

    HttpResponse<String> response =
        send(
            post(
                "/hooks/semaphore?secret=" + SECRET,
                HttpRequest.BodyPublishers.ofString(slackError())));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(received).hasSize(1);
  }

  @Test
  void anOversizedBodyIs413() throws Exception {
    start();
    String huge = "{\"text\": \"" + "x".repeat(OpsServer.MAX_WEBHOOK_BODY_BYTES) + "\"}";

    HttpResponse<String> response =
        send(
            post("/hooks/semaphore", HttpRequest.BodyPublishers.ofString(huge))
                .header("X-ChatrixCD-Secret", SECRET));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(received).isEmpty();
  }

  @Test
  void anOversizedChunkedBodyIs413() throws Exception {
    start();
    byte[] huge = new byte[OpsServer.MAX_WEBHOOK_BODY_BYTES + 10];
    Arrays.fill(huge, (byte) ' ');

    // No declared length: the publisher streams the body chunked.
    HttpResponse<String> response =
        send(
            post(
                    "/hooks/semaphore",
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))
                .header("X-ChatrixCD-Secret", SECRET));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(received).isEmpty();
  }

  @Test
  void getOnTheHookIs405() throws Exception {
    start();

    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/hooks/semaphore"))
                .timeout(Duration.ofSeconds(10))
                .header("X-ChatrixCD-Secret", SECRET)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).contains("POST");
    assertThat(received).isEmpty();
  }

  @Test
  void malformedJsonIs400WithAReason() throws Exception {
    start();

    HttpResponse<String> response =
        send(
            post("/hooks/semaphore", HttpRequest.BodyPublishers.ofString("{\"attachments\": ["))
                .header("X-ChatrixCD-Secret", SECRET));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).startsWith("the body is not valid JSON");
    assertThat(received).isEmpty();
  }

  @Test
  void jsonWithoutATaskIs422() throws Exception {
    start();

    HttpResponse<String> response =
        send(
            post("/hooks/semaphore", HttpRequest.BodyPublishers.ofString("{\"text\":\"hi\"}"))
                .header("X-ChatrixCD-Secret", SECRET));

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(received).isEmpty();
  }

  @Test
  void aFailingConsumerGives500SoSemaphoreLogsIt() throws Exception {
    start(alert -> {
      throw new IllegalStateException("room gone");
    });

    HttpResponse<String> response =
        send(
            post("/hooks/semaphore", HttpRequest.BodyPublishers.ofString(slackError()))
                .header("X-ChatrixCD-Secret", SECRET));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).doesNotContain("room gone");
    assertThat(metricsText())
        .contains("chatrixcd_webhook_requests_total{result=\"handler_failed\"} 1.0");
  }

  @Test
  void secretsNeverReachTheLog() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger("cd.chatrix.app.ops");
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    Level previous = logger.getLevel();
    logger.setLevel(Level.ALL);
    appender.start();
    logger.addAppender(appender);
    try {
      start(alert -> {
        throw new IllegalStateException("consumer failed");
      });
      String wrong = "wrong-secret-abcdef";
      send(
          post("/hooks/semaphore?secret=" + wrong, HttpRequest.BodyPublishers.ofString("{}"))
              .header("Authorization", "Bearer " + wrong));
      send(
          post(
              "/hooks/semaphore?secret=" + SECRET,
              HttpRequest.BodyPublishers.ofString(slackError())));
    } finally {
      logger.detachAppender(appender);
      logger.setLevel(previous);
      appender.stop();
    }

    assertThat(appender.list).isNotEmpty();
    for (var event : appender.list) {
      String text =
          event.getFormattedMessage()
              + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
      assertThat(text).doesNotContain(SECRET).doesNotContain("wrong-secret-abcdef");
    }
  }
}
