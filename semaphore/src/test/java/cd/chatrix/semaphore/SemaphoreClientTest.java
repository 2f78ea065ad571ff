package cd.chatrix.semaphore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cd.chatrix.semaphore.model.Task;
import cd.chatrix.semaphore.model.TaskStatus;
import cd.chatrix.semaphore.model.Template;
import cd.chatrix.semaphore.run.RunOptions;
import cd.chatrix.semaphore.run.StartResult;
import cd.chatrix.testkit.semaphore.RunScript;
import cd.chatrix.testkit.semaphore.SemaphoreSimulator;
import cd.chatrix.testkit.semaphore.Shape;
import cd.chatrix.testkit.semaphore.TemplateSpec;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SemaphoreClientTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static SemaphoreClient client(SemaphoreSimulator sim) {
    return SemaphoreClient.create(
        SemaphoreSettings.of(sim.baseUri(), new Credentials.ApiToken(sim.adminToken()))
            .withRetry(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50))));
  }

  private static SemaphoreSimulator sim(Shape shape) {
    SemaphoreSimulator sim = SemaphoreSimulator.start(shape);
    sim.stepDelay(Duration.ofMillis(5));
    return sim;
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void readsServerProjectsAndResources(Shape shape) {
    try (var sim = sim(shape);
        var client = client(sim)) {
      int p = sim.createProject("infra");
      int t =
          sim.createTemplate(
              p,
              TemplateSpec.ansible("deploy")
                  .withSurvey(
                      List.of(new TemplateSpec.Survey("version", "Version", "", true, List.of()))));
      client.ping();
      assertThat(client.info().release()).isPresent();
      assertThat(client.info().release().get().atLeast(2, 10)).isTrue();
      assertThat(client.projects()).extracting(x -> x.name()).containsExactly("infra");
      assertThat(client.project(p).id()).isEqualTo(p);
      assertThat(client.templates(p)).extracting(Template::name).containsExactly("deploy");
      Template template = client.template(p, t);
      assertThat(template.surveyVars()).extracting(v -> v.name()).containsExactly("version");
      assertThat(template.isAnsible()).isTrue();
      assertThat(template.inventoryId()).isPresent();
      assertThat(template.description()).isEmpty();
      assertThat(template.overrides().gated()).isEqualTo(shape == Shape.V2_12);
      assertThat(client.environments(p))
          .singleElement()
          .satisfies(e -> assertThat(e.json()).isEqualTo("{}"));
      assertThat(client.inventories(p))
          .singleElement()
          .satisfies(i -> assertThat(i.type()).isEqualTo("static"));
      assertThat(client.views(p))
          .singleElement()
          .satisfies(v -> assertThat(v.title()).isEqualTo("Deploy"));
    }
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void startsWatchesAndReadsOutputIncrementally(Shape shape) {
    try (var sim = sim(shape);
        var client = client(sim)) {
      int p = sim.createProject("infra");
      int t =
          sim.createTemplate(p, TemplateSpec.ansible("deploy").withScript(RunScript.longRunning()));
      StartResult result = client.startTask(client.template(p, t), RunOptions.plain("from chat"));
      assertThat(result).isInstanceOf(StartResult.Started.class);
      Task started = ((StartResult.Started) result).task();
      assertThat(started.status()).isEqualTo(TaskStatus.WAITING);
      assertThat(started.message()).isEqualTo("from chat");
      await()
          .atMost(5, TimeUnit.SECONDS)
          .until(() -> client.task(p, started.id()).status() == TaskStatus.RUNNING);
      Task running = client.task(p, started.id());
      assertThat(running.start()).isPresent();
      assertThat(running.end()).isEmpty();

      OutputChunk first = client.outputSince(OutputCursor.start(p, started.id()));
      assertThat(first.lines()).isNotEmpty();
      assertThat(first.lines().getFirst().output()).contains("added to queue");
      OutputChunk nothingNew = client.outputSince(first.next());
      assertThat(nothingNew.lines()).isEmpty();
      sim.appendOutput(started.id(), "\u001b[0;32mok: [web9]\u001b[0m");
      OutputChunk fresh = client.outputSince(nothingNew.next());
      assertThat(fresh.lines())
          .extracting(l -> l.output())
          .containsExactly("\u001b[0;32mok: [web9]\u001b[0m");

      assertThat(client.tasks(p)).extracting(Task::id).containsExactly(started.id());
      assertThat(client.lastTasks(p, 5).getFirst().templateName()).hasValue("deploy");
      sim.release(started.id());
      await()
          .atMost(5, TimeUnit.SECONDS)
          .until(() -> client.task(p, started.id()).status() == TaskStatus.SUCCESS);
      assertThat(client.task(p, started.id()).end()).isPresent();
    }
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void stopSendsABodyAndForceEndsAsStopped(Shape shape) {
    try (var sim = sim(shape);
        var client = client(sim)) {
      int p = sim.createProject("infra");
      int t =
          sim.createTemplate(p, TemplateSpec.ansible("hold").withScript(RunScript.longRunning()));
      int a = sim.startTask(p, t);
      int b = sim.startTask(p, t);
      await()
          .atMost(5, TimeUnit.SECONDS)
          .until(() -> sim.status(a).equals("running") && sim.status(b).equals("running"));
      client.stop(p, a, false);
      client.stop(p, b, true);
      assertThat(client.task(p, a).status())
          .as("a killed run ends as error")
          .isEqualTo(TaskStatus.ERROR);
      assertThat(client.task(p, b).status()).isEqualTo(TaskStatus.STOPPED);
      assertThat(sim.requests().matching(r -> r.path().endsWith("/stop")))
          .extracting(r -> JSON.readTree(r.body()).get("force").asBoolean())
          .containsExactly(false, true);
    }
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void confirmMovesATerraformRunOn(Shape shape) {
    try (var sim = sim(shape);
        var client = client(sim)) {
      int p = sim.createProject("infra");
      int t =
          sim.createTemplate(
              p,
              TemplateSpec.ansible("plan")
                  .withApp("terraform")
                  .withScript(RunScript.waitingConfirmation()));
      int id = sim.startTask(p, t);
      await()
          .atMost(5, TimeUnit.SECONDS)
          .until(() -> client.task(p, id).status() == TaskStatus.WAITING_CONFIRMATION);
      client.confirm(p, id);
      await()
          .atMost(5, TimeUnit.SECONDS)
          .until(() -> client.task(p, id).status() == TaskStatus.SUCCESS);
      assertThatThrownBy(() -> client.confirm(p, id))
          .isInstanceOf(SemaphoreException.Rejected.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void disallowedTagsAreRefusedBeforeAnyPost(Shape shape) {
    try (var sim = sim(shape);
        var client = client(sim)) {
      int p = sim.createProject("infra");
      int t = sim.createTemplate(p, TemplateSpec.ansible("locked"));
      Template template = client.template(p, t);
      StartResult result =
          client.startTask(template, RunOptions.plain("x").withTags(List.of("web")));
      assertThat(result).isInstanceOf(StartResult.Refused.class);
      assertThat(((StartResult.Refused) result).refusals())
          .singleElement()
          .satisfies(r -> {
            assertThat(r.option()).isEqualTo("tags");
            assertThat(r.reason()).contains("locked");
          });
      assertThat(sim.requests().count("POST", "/api/")).isZero();
    }
  }

  @Test
  void tagsTravelAsArgumentsOn210AndAsParamsOn212() {
    try (var sim = sim(Shape.V2_10);
        var client = client(sim)) {
      int p = sim.createProject("infra");
      int t = sim.createTemplate(p, TemplateSpec.ansible("open").withAllowArgs(true));
      client.startTask(
          client.template(p, t),
          RunOptions.plain("x")
              .withTags(List.of("web", "db"))
              .withLimit(List.of("web1"))
              .withVars(Map.of("v", "1")));
      JsonNode body =
          JSON.readTree(sim.requests().matching(r -> r.method().equals("POST")).getFirst().body());
      assertThat(body.get("arguments").isString()).isTrue();
      assertThat(JSON.readTree(body.get("arguments").asString()).get(0).asString())
          .isEqualTo("--tags=web,db");
      assertThat(body.get("limit").asString()).isEqualTo("web1");
      assertThat(body.get("environment").asString()).isEqualTo("{\"v\":\"1\"}");
      assertThat(body.get("params").get("tags").get(1).asString()).isEqualTo("db");
    }
    try (var sim = sim(Shape.V2_12);
        var client = client(sim)) {
      int p = sim.createProject("infra");
      int t =
          sim.createTemplate(
              p, TemplateSpec.ansible("open").withTaskParams(TemplateSpec.TaskParams.all()));
      var started =
          (StartResult.Started)
              client.startTask(
                  client.template(p, t), RunOptions.plain("x").withTags(List.of("web")));
      JsonNode body =
          JSON.readTree(sim.requests().matching(r -> r.method().equals("POST")).getFirst().body());
      assertThat(body.has("arguments")).isFalse();
      assertThat(client.task(p, started.task().id()).tags()).containsExactly("web");
    }
  }

  @Test
  void errorsAreTypedAndSayWhatToDo() {
    try (var sim = sim(Shape.V2_10);
        var client = client(sim)) {
      int p = sim.createProject("infra");
      assertThatThrownBy(() -> client.task(p, 999))
          .isInstanceOf(SemaphoreException.NotFound.class)
          .hasMessageContaining("task 999");
      assertThatThrownBy(() -> client.project(4242))
          .isInstanceOf(SemaphoreException.NotFound.class)
          .hasMessageContaining("member");
      var outsider = sim.addUser("outsider", "pw", false);
      try (var other =
          SemaphoreClient.create(
              SemaphoreSettings.of(sim.baseUri(), new Credentials.ApiToken(outsider.token())))) {
        assertThatThrownBy(() -> other.templates(p))
            .isInstanceOf(SemaphoreException.NotFound.class);
      }
      sim.revokeToken(sim.adminToken());
      assertThatThrownBy(client::projects)
          .isInstanceOf(SemaphoreException.Unauthorized.class)
          .hasMessageContaining("token")
          .hasMessageNotContaining(sim.adminToken());
    }
  }

  @Test
  void readsAreRetriedOnServerErrorsButStartsAreNot() {
    try (var sim = sim(Shape.V2_10);
        var client = client(sim)) {
      int p = sim.createProject("infra");
      int t = sim.createTemplate(p, TemplateSpec.ansible("deploy"));
      Template template = client.template(p, t);
      sim.requests().clear();
      sim.faults().failNext(2, 502);
      assertThat(client.projects()).hasSize(1);
      assertThat(sim.requests().count("GET", "/api/projects")).isEqualTo(3);
      sim.faults().failNext(1, 500);
      assertThatThrownBy(() -> client.startTask(template, RunOptions.plain("x")))
          .isInstanceOf(SemaphoreException.ServerError.class)
          .hasMessageContaining("500");
      assertThat(sim.requests().count("POST", "/api/project/" + p + "/tasks")).isEqualTo(1);
    }
  }

  @Test
  void unreachableServerIsReportedAsSuch() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (var client =
        SemaphoreClient.create(
            SemaphoreSettings.of(
                    URI.create("http://127.0.0.1:" + port), new Credentials.ApiToken("t"))
                .withRetry(RetryPolicy.none()))) {
      assertThatThrownBy(client::ping)
          .isInstanceOf(SemaphoreException.Unreachable.class)
          .hasMessageContaining("Check that it is running");
    }
  }

  @Test
  void passwordLoginCreatesAnApiToken() {
    try (var sim = sim(Shape.V2_10)) {
      sim.addUser("bot", "s3cret", true);
      try (var client =
          SemaphoreClient.create(
              SemaphoreSettings.of(sim.baseUri(), new Credentials.Password("bot", "s3cret")))) {
        assertThat(client.projects()).isEmpty();
        assertThat(client.apiToken().token()).hasSize(44);
        assertThat(client.apiToken().toString()).doesNotContain(client.apiToken().token());
      }
      assertThatThrownBy(() ->
              SemaphoreClient.create(
                  SemaphoreSettings.of(sim.baseUri(), new Credentials.Password("bot", "wrong"))))
          .isInstanceOf(SemaphoreException.Unauthorized.class)
          .hasMessageNotContaining("wrong");
    }
  }
}
