package cd.chatrix.testkit.semaphore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SemaphoreSimulatorTest {
  private SemaphoreSimulator sim;
  private SimHttp http;
  private int project;
  private int template;

  @BeforeEach
  void setUp() {
    sim = SemaphoreSimulator.start(Shape.V2_10);
    sim.stepDelay(Duration.ofMillis(5));
    http = new SimHttp(sim.baseUri(), sim.adminToken());
    project = sim.createProject("infra");
    template = sim.createTemplate(project, TemplateSpec.ansible("deploy"));
  }

  @AfterEach
  void tearDown() {
    http.close();
    sim.close();
  }

  @Test
  void pingIsPlainTextAndNeedsNoAuth() {
    HttpResponse<String> r = http.send("GET", "/api/ping", null, null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("pong");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
  }

  @Test
  void bearerIsCaseInsensitiveAndMissingAuthIs401WithEmptyJsonBody() {
    assertThat(
            http.send("GET", "/api/projects", null, "BEARER " + sim.adminToken().toUpperCase())
                .statusCode())
        .isEqualTo(200);
    HttpResponse<String> r = http.send("GET", "/api/projects", null, null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).isEmpty();
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
  }

  @Test
  void revokedTokenIs401() {
    sim.revokeToken(sim.adminToken());
    assertThat(http.send("GET", "/api/projects", null).statusCode()).isEqualTo(401);
  }

  @Test
  void nonMembersGet404NotForbidden() {
    var user = sim.addUser("alice", "pw", false);
    HttpResponse<String> r =
        http.send("GET", "/api/project/" + project, null, "Bearer " + user.token());
    assertThat(r.statusCode()).isEqualTo(404);
    sim.addMember(project, user.id(), "guest");
    assertThat(
            http.send("GET", "/api/project/" + project, null, "Bearer " + user.token())
                .statusCode())
        .isEqualTo(200);
    HttpResponse<String> start =
        http.send(
            "POST",
            "/api/project/" + project + "/tasks",
            "{\"template_id\":" + template + "}",
            "Bearer " + user.token());
    assertThat(start.statusCode()).as("guests cannot run tasks").isEqualTo(403);
  }

  @Test
  void unknownTaskIs400AndUnknownPathIsTextNotFound() {
    assertThat(http.send("GET", "/api/project/" + project + "/tasks/999", null).statusCode())
        .isEqualTo(400);
    HttpResponse<String> r = http.send("GET", "/api/nothing/here", null);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("Not Found\n");
  }

  @Test
  void startingATaskAnswers201WaitingAndMissingTemplateIs500() {
    HttpResponse<String> r =
        http.send(
            "POST",
            "/api/project/" + project + "/tasks",
            "{\"template_id\":" + template + ",\"message\":\"hi\"}");
    assertThat(r.statusCode()).isEqualTo(201);
    JsonNode task = SimHttp.JSON.readTree(r.body());
    assertThat(task.get("status").asString()).isEqualTo("waiting");
    assertThat(task.get("secret").asString()).isEqualTo("{}");
    assertThat(task.get("start").isNull()).isTrue();
    assertThat(task.get("user_id").asInt()).isEqualTo(sim.adminUserId());
    await()
        .atMost(5, TimeUnit.SECONDS)
        .until(() -> sim.status(task.get("id").asInt()).equals("success"));
    assertThat(
            http.send("POST", "/api/project/" + project + "/tasks", "{\"template_id\":424242}")
                .statusCode())
        .isEqualTo(500);
  }

  @Test
  void stopNeedsABodyAndForceStops() {
    int running =
        sim.createTemplate(
            project, TemplateSpec.ansible("hold").withScript(RunScript.longRunning()));
    int id = sim.startTask(project, running);
    await().atMost(5, TimeUnit.SECONDS).until(() -> sim.status(id).equals("running"));
    String stop = "/api/project/" + project + "/tasks/" + id + "/stop";
    assertThat(http.send("POST", stop, null).statusCode()).isEqualTo(400);
    assertThat(http.send("POST", stop, "{\"force\":true}").statusCode()).isEqualTo(204);
    assertThat(sim.status(id)).isEqualTo("stopped");
  }

  @Test
  void stoppingAFinishedTaskRelabelsItStopped() {
    int id = sim.startTask(project, template);
    await().atMost(5, TimeUnit.SECONDS).until(() -> sim.status(id).equals("success"));
    assertThat(
            http.send("POST", "/api/project/" + project + "/tasks/" + id + "/stop", "{}")
                .statusCode())
        .isEqualTo(204);
    assertThat(sim.status(id)).isEqualTo("stopped");
  }

  @Test
  void confirmOnlyWhileActive() {
    int tf =
        sim.createTemplate(
            project,
            TemplateSpec.ansible("plan")
                .withApp("terraform")
                .withScript(RunScript.waitingConfirmation()));
    int id = sim.startTask(project, tf);
    await().atMost(5, TimeUnit.SECONDS).until(() -> sim.status(id).equals("waiting_confirmation"));
    String confirm = "/api/project/" + project + "/tasks/" + id + "/confirm";
    assertThat(http.send("POST", confirm, null).statusCode()).isEqualTo(204);
    await().atMost(5, TimeUnit.SECONDS).until(() -> sim.status(id).equals("success"));
    assertThat(http.send("POST", confirm, null).statusCode()).isEqualTo(400);
  }

  @Test
  void emptyOutputIsNullIn210AndEmptyArrayIn212() {
    List<Integer> ids = sim.seedTasks(project, template, 1, "running");
    // Seeded tasks carry the "added to queue" line; a fresh project-less check uses a task without
    // output.
    String path = "/api/project/" + project + "/tasks/" + ids.getFirst() + "/output";
    assertThat(http.getJson(path).isArray()).isTrue();
    assertThat(http.getJson(path).get(0).has("id")).isFalse();
    sim.shape(Shape.V2_12);
    assertThat(http.getJson(path).get(0).has("id")).isTrue();
  }

  @Test
  void shapesDifferInNullsAndParams() {
    JsonNode old = http.getJson("/api/project/" + project + "/templates/" + template);
    assertThat(old.has("description")).isTrue();
    assertThat(old.get("description").isNull()).isTrue();
    assertThat(old.has("task_params")).isFalse();
    sim.shape(Shape.V2_12);
    JsonNode fresh = http.getJson("/api/project/" + project + "/templates/" + template);
    assertThat(fresh.has("description")).isFalse();
    assertThat(fresh.get("task_params").get("allow_override_tags").asBoolean()).isFalse();
  }

  @Test
  void taskListsAreNewestFirstAndLastHonoursLimit() {
    sim.seedTasks(project, template, 5, "success");
    JsonNode all = http.getJson("/api/project/" + project + "/tasks");
    assertThat(all.size()).isEqualTo(5);
    assertThat(all.get(0).get("id").asInt()).isGreaterThan(all.get(4).get("id").asInt());
    assertThat(all.get(0).get("tpl_alias").asString()).isEqualTo("deploy");
    assertThat(http.getJson("/api/project/" + project + "/tasks/last?limit=2").size()).isEqualTo(2);
    assertThat(http.getJson("/api/project/" + project + "/tasks/last?limit=999").size())
        .isEqualTo(5);
  }

  @Test
  void faultsAndRequestLog() {
    sim.faults().failNext(2, 503);
    assertThat(http.send("GET", "/api/projects", null).statusCode()).isEqualTo(503);
    assertThat(http.send("GET", "/api/projects", null).statusCode()).isEqualTo(503);
    assertThat(http.send("GET", "/api/projects", null).statusCode()).isEqualTo(200);
    assertThat(sim.requests().count("GET", "/api/projects")).isEqualTo(3);
    assertThat(sim.requests().all().getLast().status()).isEqualTo(200);
  }

  @Test
  void websocketDeliversUpdatesAndLogsAndCanBeDropped() throws Exception {
    List<String> frames = new CopyOnWriteArrayList<>();
    WebSocket ws =
        http.client()
            .newWebSocketBuilder()
            .header("Authorization", "Bearer " + sim.adminToken())
            .buildAsync(
                URI.create("ws://127.0.0.1:" + sim.baseUri().getPort() + "/api/ws"),
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    frames.add(data.toString());
                    w.request(1);
                    return null;
                  }
                })
            .get(5, TimeUnit.SECONDS);
    await().atMost(5, TimeUnit.SECONDS).until(() -> sim.websocketCount() == 1);
    int id = sim.startTask(project, template);
    await()
        .atMost(5, TimeUnit.SECONDS)
        .until(() ->
            frames.stream().anyMatch(f -> f.contains("\"success\"") && f.contains("\"end\":\"")));
    assertThat(frames).anyMatch(f -> f.contains("\"type\":\"log\"") && f.contains("PLAY RECAP"));
    assertThat(frames)
        .anyMatch(f -> f.contains("\"status\":\"running\"") && f.contains("\"task_id\":" + id));
    sim.dropWebsockets();
    await().atMost(5, TimeUnit.SECONDS).until(() -> sim.websocketCount() == 0);
    assertThat(sim.requests().count("GET", "/api/ws")).isEqualTo(1);
    ws.abort();
  }

  @Test
  void websocketWithoutCredentialsIsRefused() {
    var result =
        http.client()
            .newWebSocketBuilder()
            .buildAsync(
                URI.create("ws://127.0.0.1:" + sim.baseUri().getPort() + "/api/ws"),
                new WebSocket.Listener() {});
    await().atMost(5, TimeUnit.SECONDS).until(result::isDone);
    assertThat(result).isCompletedExceptionally();
    assertThat(sim.requests().matching(r -> r.path().equals("/api/ws")).getFirst().status())
        .isEqualTo(401);
  }

  @Test
  void passwordLoginSetsASessionCookieThatCanCreateTokens() {
    sim.addUser("bob", "secret", false);
    HttpResponse<String> login =
        http.send("POST", "/api/auth/login", "{\"auth\":\"BOB\",\"password\":\"secret\"}", null);
    assertThat(login.statusCode()).isEqualTo(204);
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    var req =
        java.net.http.HttpRequest.newBuilder(sim.baseUri().resolve("/api/user/tokens"))
            .header("Cookie", cookie)
            .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      HttpResponse<String> created = http.client().send(req, HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).isEqualTo(201);
      assertThat(SimHttp.JSON.readTree(created.body()).get("id").asString()).hasSize(44);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void deletingATaskNeedsAnAdminAndAFinishedTask() {
    int id = sim.seedTasks(project, template, 1, "running").getFirst();
    String path = "/api/project/" + project + "/tasks/" + id;
    assertThat(http.send("DELETE", path, null).statusCode()).as("active").isEqualTo(400);
    var manager = sim.addUser("manager", "pw", false);
    sim.addMember(project, manager.id(), "manager");
    sim.setStatus(id, "success");
    assertThat(http.send("DELETE", path, null, "Bearer " + manager.token()).statusCode())
        .as("project managers are not system admins")
        .isEqualTo(401);
    assertThat(http.send("DELETE", path, null).statusCode()).isEqualTo(204);
    assertThat(http.send("GET", path, null).statusCode()).isEqualTo(400);
  }

  @Test
  void slackAlertsFireOnlyForNotifiableStatuses() throws Exception {
    List<String> posts = new CopyOnWriteArrayList<>();
    var receiver =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 4);
    receiver.createContext(
        "/hook",
        ex -> {
          posts.add(
              new String(
                  ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    receiver.start();
    try {
      sim.slackAlerts(
          java.util.Optional.of(
              URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")));
      int quiet = sim.createTemplate(project, TemplateSpec.ansible("quiet"));
      sim.suppressSuccessAlerts(quiet);
      int b = sim.startTask(project, quiet);
      await().atMost(5, TimeUnit.SECONDS).until(() -> sim.status(b).equals("success"));
      int a = sim.startTask(project, template);
      await().atMost(5, TimeUnit.SECONDS).until(() -> sim.status(a).equals("success"));
      int c = sim.seedTasks(project, template, 1, "running").getFirst();
      sim.setStatus(c, "stopping");
      sim.setStatus(c, "error");
      await()
          .atMost(5, TimeUnit.SECONDS)
          .until(() ->
              posts.stream().anyMatch(p -> p.contains("execution #" + a + ", status: ✅SUCCESS!"))
                  && posts.stream()
                      .anyMatch(p -> p.contains("execution #" + c + ", status: ❌ERROR!")));
      assertThat(posts)
          .as("no alert for suppressed success, running or stopping")
          .hasSize(2)
          .noneMatch(p -> p.contains("execution #" + b + ","));
    } finally {
      receiver.stop(0);
    }
  }
}
