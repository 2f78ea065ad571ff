package cd.chatrix.app;

import static cd.chatrix.app.boot.demo.RoomEvents.body;
import static cd.chatrix.app.boot.demo.RoomEvents.isEdit;
import static cd.chatrix.app.boot.demo.RoomEvents.mentions;
import static cd.chatrix.app.boot.demo.RoomEvents.repliesTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cd.chatrix.app.boot.SandboxBot;
import cd.chatrix.app.boot.console.LiveConsoleModel;
import cd.chatrix.app.boot.console.RunningBot;
import cd.chatrix.app.boot.demo.DemoSandbox;
import cd.chatrix.app.boot.run.Shutdown;
import cd.chatrix.testkit.matrix.TestUser;
import cd.chatrix.testkit.semaphore.RecordedRequest;
import cd.chatrix.testkit.semaphore.RunScript;
import cd.chatrix.testkit.semaphore.TemplateSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The operations endpoint of the real app (configuration file, store, Matrix and Semaphore
 * adapters, bot) against the testkit homeserver and Semaphore simulator: health, readiness that
 * follows Semaphore, the metrics a run leaves behind, and Semaphore's alert webhook.
 */
class OpsEndToEndTest {
  private static final Duration ANSWER = Duration.ofSeconds(30);
  private static final Duration RUN = Duration.ofSeconds(60);
  private static final String SECRET = "hook-secret-" + Long.toHexString(System.nanoTime());

  private final HttpClient http = HttpClient.newHttpClient();
  private DemoSandbox sandbox;
  private Shutdown shutdown;
  private TestUser person;
  private String bot;
  private String room;
  private long project;
  private int port;
  private RunningBot running;

  /** Starts the bot with the endpoint on a free port and the task feed's own refresh hourly. */
  private void startTheBot(boolean semaphorePush) throws Exception {
    sandbox = DemoSandbox.start();
    shutdown = new Shutdown(Duration.ofSeconds(5));
    shutdown.register("sandbox", sandbox);
    // Without push, task changes reach the bot only by polling (or the webhook).
    sandbox.semaphore().faults().refuseWebsockets(!semaphorePush);
    running = SandboxBot.start(sandbox, shutdown, OpsEndToEndTest::enableOps);
    port = running.ops().orElseThrow().port();
    person = sandbox.person();
    bot = sandbox.botUserId();
    room = sandbox.roomId();
    project = sandbox.projectId();
    person.awaitEvent(
        room,
        e ->
            "m.room.member".equals(e.path("type").asString(""))
                && bot.equals(e.path("state_key").asString(""))
                && "join".equals(e.path("content").path("membership").asString("")),
        ANSWER);
  }

  private static void enableOps(ObjectNode config) {
    config
        .putObject("http")
        .put("enabled", true)
        .put("bind", "127.0.0.1")
        .put("port", 0)
        .put("webhook_secret", SECRET);
    ((ObjectNode) config.get("plugins"))
        .putObject("semaphore_poll")
        .put("enabled", true)
        .put("poll_interval", 3600);
  }

  @AfterEach
  void stopTheBot() {
    if (shutdown != null) {
      shutdown.stopAll();
    }
    http.close();
  }

  @Test
  void healthAndTheMetricsOfAConfirmedRun() throws Exception {
    startTheBot(true);
    HttpResponse<String> health = get("/healthz");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("ok\n");

    replyTo(say("!cd run " + project + " " + sandbox.templates().deploy()));
    say("yes");
    awaitBot(mentions(person.userId()), RUN);
    replyTo(say("!cd frobnicate"));

    // The bot counts a command once its reply is handed over, so a scrape may just precede it.
    await("the run's metrics")
        .atMost(ANSWER)
        .untilAsserted(() -> {
          String metrics = get("/metrics").body();
          assertThat(metrics)
              .contains("chatrixcd_commands_total{command=\"run\",outcome=\"ok\"} 1.0")
              .contains("chatrixcd_commands_total{command=\"unknown\",outcome=\"unknown\"} 1.0")
              .contains("chatrixcd_runs_total{outcome=\"success\"} 1.0")
              .contains("chatrixcd_monitored_tasks 0.0")
              .contains("chatrixcd_send_queue_depth ");
          assertThat(value(metrics, "chatrixcd_command_processing_seconds_count")).isEqualTo(2);
          assertThat(value(metrics, "chatrixcd_command_processing_seconds{quantile=\"0.5\"}"))
              .isPositive();
          assertThat(value(metrics, "chatrixcd_command_processing_seconds{quantile=\"0.99\"}"))
              .isPositive();
          // The run command looked its template up in Semaphore before asking to confirm.
          assertThat(value(metrics, "chatrixcd_command_wait_seconds_count")).isEqualTo(2);
          assertThat(value(metrics, "chatrixcd_command_wait_seconds_sum")).isPositive();
          assertThat(
                  value(
                      metrics,
                      "chatrixcd_semaphore_request_duration_seconds_count"
                          + "{endpoint=\"/project/{id}/tasks\",method=\"POST\"}"))
              .as("the run's start request")
              .isEqualTo(1);
          assertThat(value(metrics, "chatrixcd_sync_duration_seconds_count")).isPositive();
        });
    // The operator console shows the same count.
    try (var console = new LiveConsoleModel(running, List::of)) {
      assertThat(console.status().commandsHandled()).isEqualTo(2);
    }
  }

  @Test
  void anEventTheBotCannotDecryptIsCounted() throws Exception {
    startTheBot(true);
    assertThat(value(get("/metrics").body(), "chatrixcd_undecryptable_events_total")).isZero();

    person.sendEvent(
        room,
        "m.room.encrypted",
        Map.of(
            "algorithm", "m.megolm.v1.aes-sha2",
            "sender_key", "dGhpcyBpcyBub3QgYSByZWFsIGN1cnZlIGtleSBhdCBhbGwgISE",
            "session_id", "bm8gc3VjaCBzZXNzaW9uIGV2ZXIgZXhpc3RlZCBoZXJlIGF0IGFsbA",
            "device_id", "NOSUCHDEVICE",
            "ciphertext", "AwgAEnBvbGx5IHdhbnRzIGEgY3JhY2tlcg"));

    await("the undecryptable event is counted")
        .atMost(ANSWER)
        .until(() -> value(get("/metrics").body(), "chatrixcd_undecryptable_events_total") == 1);
    try (var console = new LiveConsoleModel(running, List::of)) {
      assertThat(console.status().e2ee().undecryptable()).isEqualTo(1);
    }
    // The bot still answers commands afterwards.
    assertThat(body(replyTo(say("!cd ping")))).isNotBlank();
  }

  @Test
  void readinessFollowsSemaphoreDownAndBackUp() throws Exception {
    startTheBot(true);
    await("ready after start-up").atMost(ANSWER).until(() -> get("/readyz").statusCode() == 200);

    sandbox.semaphore().faults().failNext(10_000, 500);
    replyTo(say("!cd projects"));

    HttpResponse<String> down = get("/readyz");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.body()).contains("\"ready\":false").contains("semaphore").contains("500");
    assertThat(
            value(
                get("/metrics").body(),
                "chatrixcd_semaphore_request_errors_total{kind=\"server_error\"}"))
        .isPositive();

    sandbox.semaphore().faults().reset();
    assertThat(body(replyTo(say("!cd projects")))).contains("Demo shop");

    HttpResponse<String> up = get("/readyz");
    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(up.body()).contains("\"ready\":true");
  }

  /**
   * Push is off and the task feed's quiet poll is slow, so once the watcher's polling has slowed
   * down the run's end can reach the room before the next poll only through the webhook.
   */
  @Test
  void aWebhookWithABadSecretChangesNothingAndAGoodOneBringsTheUpdateAtOnce() throws Exception {
    startTheBot(false);
    int template =
        sandbox
            .semaphore()
            .createTemplate(
                (int) project,
                TemplateSpec.ansible("Long job").withScript(RunScript.longRunning()));
    replyTo(say("!cd run " + project + " " + template));
    say("yes");
    await("the task runs")
        .ignoreException(java.util.NoSuchElementException.class)
        .atMost(RUN)
        .until(() -> "running".equals(sandbox.semaphore().status(1)));
    Gap gap = awaitQuietPolling();
    int botMessages = botMessages();

    HttpResponse<String> refused = postAlert(alert(1, template), Optional.of("not-the-secret"));

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(
            value(
                get("/metrics").body(),
                "chatrixcd_webhook_requests_total{result=\"unauthorized\"}"))
        .isEqualTo(1);
    // Had it been taken, the bot would have polled the project at once; it did not.
    Thread.sleep(1_500); // a window to watch for something that must not happen
    assertThat(pollsSince(gap.lastPoll())).isEmpty();
    assertThat(botMessages()).isEqualTo(botMessages);

    // Semaphore itself now sends its Slack alert for the task's end.
    sandbox
        .semaphore()
        .slackAlerts(
            Optional.of(
                URI.create("http://127.0.0.1:" + port + "/hooks/semaphore?secret=" + SECRET)));
    sandbox.semaphore().release(1);

    JsonNode announcement = awaitBot(mentions(person.userId()), RUN);
    assertThat(body(announcement)).contains("Long job");
    Instant announced = Instant.ofEpochMilli(announcement.path("origin_server_ts").asLong());
    assertThat(announced)
        .as("the announcement came before the next regular poll was due")
        .isBefore(gap.nextPollDue());
    assertThat(
            value(get("/metrics").body(), "chatrixcd_webhook_requests_total{result=\"accepted\"}"))
        .isEqualTo(1);
    await("the run is counted")
        .atMost(ANSWER)
        .until(
            () -> value(get("/metrics").body(), "chatrixcd_runs_total{outcome=\"success\"}") == 1);
  }

  // --- the watcher's polling, as the simulator saw it ------------------------------------------

  /** The last regular poll, and when the next one is due at the earliest. */
  private record Gap(Instant lastPoll, Instant nextPollDue) {}

  /**
   * Waits until the watcher polls the project at least 6 s apart. Its interval grows by half each
   * quiet round (2, 3, 4.5, 6.75, 10.1 s), so the next poll is then at least 10 s away; 1.4 times
   * the last gap leaves room for timer jitter.
   */
  private Gap awaitQuietPolling() {
    return await("the watcher's polling slows down")
        .atMost(RUN)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              List<Instant> polls = pollsSince(Instant.EPOCH);
              if (polls.size() < 2) {
                return Optional.<Gap>empty();
              }
              Instant last = polls.getLast();
              Duration gap = Duration.between(polls.get(polls.size() - 2), last);
              return gap.compareTo(Duration.ofSeconds(6)) >= 0
                  ? Optional.of(new Gap(last, last.plus(gap.multipliedBy(14).dividedBy(10))))
                  : Optional.<Gap>empty();
            },
            Optional::isPresent)
        .orElseThrow();
  }

  /** The task-list reads of the demo project after {@code after}: the watcher's polls. */
  private List<Instant> pollsSince(Instant after) {
    String list = "/api/project/" + project + "/tasks";
    return sandbox
        .semaphore()
        .requests()
        .matching(r ->
            r.method().equals("GET")
                && (r.path().equals(list) || r.path().equals(list + "/last"))
                && r.at().isAfter(after))
        .stream()
        .map(RecordedRequest::at)
        .toList();
  }

  // --- the endpoint ------------------------------------------------------------------------------

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> postAlert(String payload, Optional<String> secret) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/semaphore"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(payload));
    secret.ifPresent(s -> request.header("X-ChatrixCD-Secret", s));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Semaphore's Slack alert for a finished task, as its slack.tmpl renders it. */
  private String alert(int taskId, int template) {
    return """
    {"attachments":[{"title":"Task: Long job",\
    "title_link":"http://semaphore.local/project/%d/templates/%d?t=%d",\
    "text":"execution #%d, status: ✅SUCCESS!","color":"good","mrkdwn_in":["text"],\
    "fields":[{"title":"Author","value":"demo","short":true}]}]}\
    """
        .formatted(project, template, taskId, taskId);
  }

  /** The number after {@code series} (name and labels exactly as exposed); 0 when absent. */
  private static double value(String exposition, String series) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(exposition);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  // --- the person's side -----------------------------------------------------------------------

  private String say(String text) {
    return person.sendText(room, text);
  }

  private JsonNode replyTo(String commandEventId) {
    return awaitBot(repliesTo(commandEventId), ANSWER);
  }

  private JsonNode awaitBot(Predicate<JsonNode> wanted, Duration wait) {
    return person.awaitEvent(
        room,
        e ->
            fromBot(e)
                && "m.room.message".equals(e.path("type").asString(""))
                && !isEdit(e)
                && wanted.test(e),
        wait);
  }

  private int botMessages() {
    return (int)
        person.timeline(room).stream()
            .filter(e -> fromBot(e) && "m.room.message".equals(e.path("type").asString("")))
            .count();
  }

  private boolean fromBot(JsonNode event) {
    return bot.equals(event.path("sender").asString(""));
  }
}
