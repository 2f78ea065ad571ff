package cd.chatrix.app.adapter.semaphore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cd.chatrix.app.TaskRequests;
import cd.chatrix.bot.port.Overrides;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.port.TaskRequest;
import cd.chatrix.bot.port.TaskState;
import cd.chatrix.bot.port.Template;
import cd.chatrix.semaphore.Credentials;
import cd.chatrix.semaphore.RetryPolicy;
import cd.chatrix.semaphore.SemaphoreClient;
import cd.chatrix.semaphore.SemaphoreSettings;
import cd.chatrix.testkit.semaphore.RecordedRequest;
import cd.chatrix.testkit.semaphore.RunScript;
import cd.chatrix.testkit.semaphore.SemaphoreSimulator;
import cd.chatrix.testkit.semaphore.Shape;
import cd.chatrix.testkit.semaphore.TemplateSpec;
import cd.chatrix.testkit.semaphore.TemplateSpec.Survey;
import cd.chatrix.testkit.semaphore.TemplateSpec.TaskParams;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SemaphoreRunnerTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private SemaphoreSimulator sim;
  private SemaphoreClient client;
  private final List<TaskRef> started = new ArrayList<>();

  private SemaphoreRunner runner(Shape shape) {
    sim = SemaphoreSimulator.start(shape);
    sim.stepDelay(Duration.ofMillis(5));
    client = SemaphoreClient.create(settings(sim.baseUri(), sim.adminToken()));
    return new SemaphoreRunner(client, started::add);
  }

  static SemaphoreSettings settings(URI url, String token) {
    return SemaphoreSettings.of(url, new Credentials.ApiToken(token))
        .withRetry(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5)))
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));
  }

  @AfterEach
  void tearDown() {
    if (client != null) {
      client.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void listsProjectsAndTemplatesWithTheirSurveys(Shape shape) {
    var runner = runner(shape);
    int project = sim.createProject("infra");
    int template =
        sim.createTemplate(
            project,
            TemplateSpec.ansible("deploy")
                .withSurvey(
                    List.of(
                        new Survey("version", "Version", "", true, List.of()),
                        new Survey("stage", "Stage", "enum", false, List.of("dev", "prod")))));

    assertThat(runner.projects())
        .extracting(p -> p.id() + ":" + p.name())
        .contains(project + ":infra");
    Template listed = runner.templates(project).getFirst();
    assertThat(listed.id()).isEqualTo(template);
    assertThat(listed.name()).isEqualTo("deploy");
    // The list may leave the survey out (2.10 answers null there); the template read by id has it.
    Template t = runner.template(project, template);
    assertThat(t.id()).isEqualTo(template);
    assertThat(t.projectId()).isEqualTo(project);
    assertThat(t.name()).isEqualTo("deploy");
    assertThat(t.app()).isEqualTo("ansible");
    assertThat(t.surveyVars())
        .extracting(v -> v.name() + "/" + v.required() + "/" + v.type() + "/" + v.values())
        .containsExactly("version/true//[]", "stage/false/enum/[dev, prod]");
  }

  @Test
  void overridesOn210FollowTheArgumentsFlagOnly() {
    var runner = runner(Shape.V2_10);
    int project = sim.createProject("infra");
    sim.createTemplate(project, TemplateSpec.ansible("a-open").withAllowArgs(true));
    sim.createTemplate(project, TemplateSpec.ansible("b-closed"));
    sim.createTemplate(project, TemplateSpec.ansible("c-plan").withApp("terraform"));

    List<Template> templates = runner.templates(project);

    assertThat(templates.get(0).allowed())
        .isEqualTo(new Overrides(true, true, true, true, true, true, true));
    // Limit, branch and debug are not gated by 2.10; tags travel as arguments there.
    assertThat(templates.get(1).allowed())
        .isEqualTo(new Overrides(false, false, false, true, true, true, true));
    assertThat(templates.get(2).allowed())
        .isEqualTo(new Overrides(false, false, false, false, true, true, true));
  }

  @Test
  void overridesOn212FollowTaskParams() {
    var runner = runner(Shape.V2_12);
    int project = sim.createProject("infra");
    sim.createTemplate(
        project,
        TemplateSpec.ansible("deploy")
            .withTaskParams(new TaskParams(false, false, false, true, false)));

    assertThat(runner.templates(project).getFirst().allowed())
        .isEqualTo(new Overrides(false, true, false, false, false, false, true));
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void startSendsThePortableBody(Shape shape) {
    var runner = runner(shape);
    int project = sim.createProject("infra");
    int template =
        sim.createTemplate(
            project,
            TemplateSpec.ansible("deploy")
                .withAllowArgs(true)
                .withTaskParams(TaskParams.all())
                .withSurvey(List.of(new Survey("db_password", "DB", "secret", false, List.of()))));
    var request =
        TaskRequests.template(template)
            .tags("web")
            .limit("web1", "web2")
            .arguments("-e", "x=a b")
            .environment(Map.of("version", "1.2", "db_password", "hunter22"))
            .dryRun()
            .message("From chat by @alice")
            .build();

    TaskRef ref = runner.start(project, request);

    assertThat(ref.projectId()).isEqualTo(project);
    assertThat(started).containsExactly(ref);
    RecordedRequest post =
        sim.requests().matching(r -> r.is("POST", "/api/project/" + project + "/tasks")).getFirst();
    assertThat(post.status()).isEqualTo(201);
    JsonNode body = JSON.readTree(post.body());
    assertThat(body.path("template_id").asInt()).isEqualTo(template);
    assertThat(body.path("message").asString()).isEqualTo("From chat by @alice");
    assertThat(body.path("dry_run").asBoolean()).isTrue();
    assertThat(body.path("limit").asString()).isEqualTo("web1,web2");
    assertThat(JSON.readTree(body.path("environment").asString()).properties())
        .extracting(Map.Entry::getKey)
        .containsExactly("version");
    assertThat(JSON.readTree(body.path("secret").asString()).path("db_password").asString())
        .isEqualTo("hunter22");
    List<String> arguments = new ArrayList<>();
    JSON.readTree(body.path("arguments").asString()).forEach(a -> arguments.add(a.asString()));
    if (shape == Shape.V2_10) {
      assertThat(arguments).containsExactly("--tags=web", "-e", "x=a b");
    } else {
      assertThat(arguments).containsExactly("-e", "x=a b");
      assertThat(body.path("params").path("tags").get(0).asString()).isEqualTo("web");
    }
    var info = runner.task(ref);
    assertThat(info.templateId()).isEqualTo(template);
    assertThat(info.templateName()).contains("deploy");
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void aDisallowedOverrideIsRefusedBeforeAnyPost(Shape shape) {
    var runner = runner(shape);
    int project = sim.createProject("infra");
    int template = sim.createTemplate(project, TemplateSpec.ansible("deploy"));
    var request = TaskRequests.template(template).tags("web").arguments("--check").build();

    assertThatThrownBy(() -> runner.start(project, request))
        .isInstanceOf(PortException.class)
        .hasMessageContaining("deploy")
        .hasMessageContaining("Nothing was sent");
    assertThat(sim.requests().count("POST", "/api/project/" + project + "/tasks")).isZero();
    assertThat(started).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void aStartIsFoundAgainByItsTemplateMessageAndTime(Shape shape) {
    var runner = runner(shape);
    int project = sim.createProject("infra");
    int deploy = sim.createTemplate(project, TemplateSpec.ansible("deploy"));
    int backup = sim.createTemplate(project, TemplateSpec.ansible("backup"));
    TaskRequest alices = withMessage(deploy, "From chat by @alice:example.org");
    java.time.Instant before = java.time.Instant.now().minusSeconds(5);

    TaskRef first = runner.start(project, alices);
    runner.start(project, withMessage(deploy, "From chat by @bob:example.org"));
    runner.start(project, withMessage(backup, "From chat by @alice:example.org"));
    TaskRef second = runner.start(project, alices);

    assertThat(runner.startsOf(project, alices, before)).containsExactly(second, first);
    assertThat(runner.startsOf(project, alices, java.time.Instant.now().plusSeconds(60)))
        .as("nothing created after that time")
        .isEmpty();
  }

  private static TaskRequest withMessage(long templateId, String message) {
    return TaskRequests.template(templateId).message(message).build();
  }

  @Test
  void stopEndsARunningTaskAndRefusesAFinishedOne() {
    var runner = runner(Shape.V2_10);
    int project = sim.createProject("infra");
    int template =
        sim.createTemplate(
            project, TemplateSpec.ansible("slow").withScript(RunScript.longRunning()));
    TaskRef ref = runner.start(project, TaskRequest.plain(template));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> runner.task(ref).state() == TaskState.RUNNING);

    runner.stop(ref, true);

    assertThat(sim.status((int) ref.taskId())).isEqualTo("stopped");
    RecordedRequest stop =
        sim.requests()
            .matching(r -> r.path().endsWith("/tasks/" + ref.taskId() + "/stop"))
            .getFirst();
    assertThat(JSON.readTree(stop.body()).path("force").asBoolean()).isTrue();
    assertThatThrownBy(() -> runner.stop(ref, false))
        .isInstanceOf(PortException.class)
        .hasMessageContaining("already ended");
  }

  @Test
  void confirmLetsAWaitingTaskGoOn() {
    var runner = runner(Shape.V2_10);
    int project = sim.createProject("infra");
    int template =
        sim.createTemplate(
            project,
            TemplateSpec.ansible("plan")
                .withApp("terraform")
                .withScript(RunScript.waitingConfirmation()));
    TaskRef ref = runner.start(project, TaskRequest.plain(template));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> runner.task(ref).state() == TaskState.WAITING_CONFIRMATION);

    runner.confirm(ref);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> runner.task(ref).state() == TaskState.SUCCESS);
    assertThat(
            sim.requests()
                .count("POST", "/api/project/" + project + "/tasks/" + ref.taskId() + "/confirm"))
        .isEqualTo(1);
  }

  @Test
  void rejectStopsAWaitingTaskAndLeavesOthersAlone() {
    var runner = runner(Shape.V2_12);
    int project = sim.createProject("infra");
    int plan =
        sim.createTemplate(
            project,
            TemplateSpec.ansible("plan")
                .withApp("terraform")
                .withScript(RunScript.waitingConfirmation()));
    int slow =
        sim.createTemplate(
            project, TemplateSpec.ansible("slow").withScript(RunScript.longRunning()));
    TaskRef waiting = runner.start(project, TaskRequest.plain(plan));
    TaskRef running = runner.start(project, TaskRequest.plain(slow));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> runner.task(waiting).state() == TaskState.WAITING_CONFIRMATION);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> runner.task(running).state() == TaskState.RUNNING);

    runner.reject(waiting);

    assertThat(runner.task(waiting).state()).isEqualTo(TaskState.STOPPED);
    assertThatThrownBy(() -> runner.reject(running))
        .isInstanceOf(PortException.class)
        .hasMessageContaining("not waiting for a confirmation");
    assertThat(runner.task(running).state()).isEqualTo(TaskState.RUNNING);
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void outputIsReadIncrementally(Shape shape) {
    var runner = runner(shape);
    int project = sim.createProject("infra");
    int template = sim.createTemplate(project, TemplateSpec.ansible("deploy"));
    TaskRef ref = runner.start(project, TaskRequest.plain(template));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> runner.task(ref).state() == TaskState.SUCCESS);

    var all = runner.output(ref, 0);
    assertThat(all.lines()).anyMatch(l -> l.contains("PLAY RECAP"));
    assertThat(all.nextOffset()).isEqualTo(all.lines().size());

    var tail = runner.output(ref, all.nextOffset() - 2);
    assertThat(tail.lines())
        .containsExactlyElementsOf(all.lines().subList(all.lines().size() - 2, all.lines().size()));
    assertThat(tail.nextOffset()).isEqualTo(all.nextOffset());

    sim.appendOutput((int) ref.taskId(), "one more");
    var next = runner.output(ref, tail.nextOffset());
    assertThat(next.lines()).containsExactly("one more");
    assertThat(next.nextOffset()).isEqualTo(all.nextOffset() + 1);
    assertThat(runner.output(ref, next.nextOffset()).lines()).isEmpty();
  }

  @Test
  void pingReportsTheRelease() {
    var runner = runner(Shape.V2_12);

    long before = sim.requests().all().size();
    var info = runner.ping();

    assertThat(info.version()).isEqualTo("2.12.4");
    assertThat(info.url()).isNotBlank();
    // One round trip: the authenticated info endpoint, which also proves the token.
    assertThat(sim.requests().all().subList((int) before, sim.requests().all().size()))
        .extracting(r -> r.method() + " " + r.path())
        .containsExactly("GET /api/info");
  }

  @Test
  void pingsThatComeWhileOneIsOnTheWireShareItsAnswer() throws Exception {
    var runner = runner(Shape.V2_12);
    // The first ping's request is held by the server until lifted, so the others surely come
    // while it is on the wire.
    var held =
        sim.faults()
            .inject(
                cd.chatrix.testkit.semaphore.Faults.Kind.READ_TIMEOUT,
                cd.chatrix.testkit.semaphore.Faults.Endpoint.of("GET", "/api/info"));
    var answers = new java.util.concurrent.ConcurrentLinkedQueue<String>();
    List<Thread> pings = new ArrayList<>();
    pings.add(Thread.ofVirtual().start(() -> answers.add(runner.ping().version())));
    await().atMost(Duration.ofSeconds(10)).until(() -> held.hits() == 1);
    for (int i = 0; i < 7; i++) {
      pings.add(Thread.ofVirtual().start(() -> answers.add(runner.ping().version())));
    }
    await("all eight pings waiting")
        .atMost(Duration.ofSeconds(10))
        .until(() -> pings.stream().allMatch(t -> t.getState() == Thread.State.WAITING));

    held.lift(); // the held connection closes; the first ping's read is retried and answered
    for (Thread t : pings) {
      t.join(Duration.ofSeconds(10));
    }

    assertThat(answers).hasSize(8).containsOnly("2.12.4");
    assertThat(held.hits()).isEqualTo(1);
    assertThat(sim.requests().matching(r -> r.path().equals("/api/info") && r.status() == 200))
        .hasSize(1);
  }

  @Test
  void pingOfAServerThatIsDownSaysSoWithoutTheToken() {
    var runner = runner(Shape.V2_12);
    sim.stopServing();

    assertThatThrownBy(runner::ping)
        .isInstanceOf(PortException.class)
        .hasMessageContaining("Cannot reach Semaphore")
        .hasMessageNotContaining(sim.adminToken());
  }

  @Test
  void aServerErrorBecomesAReadableMessage() {
    var runner = runner(Shape.V2_10);
    sim.createProject("infra");
    sim.faults().failNext(5, 500);

    assertThatThrownBy(runner::projects)
        .isInstanceOf(PortException.class)
        .hasMessageContaining("500")
        .hasMessageContaining("Semaphore");
  }

  @Test
  void aRevokedTokenIsExplainedWithoutShowingIt() {
    var runner = runner(Shape.V2_10);
    int project = sim.createProject("infra");
    sim.revokeToken(sim.adminToken());

    assertThatThrownBy(() -> runner.templates(project))
        .isInstanceOf(PortException.class)
        .hasMessageContaining("token")
        .hasMessageNotContaining(sim.adminToken());
    assertThatThrownBy(runner::ping)
        .isInstanceOf(PortException.class)
        .hasMessageNotContaining(sim.adminToken());
  }

  @Test
  void unknownTasksAndUnreachableServersAreReadable() {
    var runner = runner(Shape.V2_10);
    int project = sim.createProject("infra");
    assertThatThrownBy(() -> runner.task(new TaskRef(project, 999)))
        .isInstanceOf(PortException.class)
        .hasMessageContaining("999");

    String token = sim.adminToken();
    URI gone = sim.baseUri();
    sim.close();
    sim = null;
    try (var offline = SemaphoreClient.create(settings(gone, token))) {
      assertThatThrownBy(() -> new SemaphoreRunner(offline).projects())
          .isInstanceOf(PortException.class)
          .hasMessageContaining("Cannot reach Semaphore")
          .hasMessageNotContaining(token);
    }
  }

  @Test
  void aStartThatTimesOutWarnsThatTheTaskMayRunAnyway() throws Exception {
    String template = "{\"id\":4,\"project_id\":1,\"name\":\"deploy\",\"app\":\"ansible\"}";
    HttpServer slow =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    slow.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    slow.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          String body =
              switch (path) {
                case "/api/info" -> "{\"version\":\"2.10.32-d4a2713-1729512345\"}";
                case "/api/project/1/templates/4" -> template;
                default -> "";
              };
          if (exchange.getRequestMethod().equals("POST")) {
            try {
              Thread.sleep(3_000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    slow.start();
    var url = URI.create("http://127.0.0.1:" + slow.getAddress().getPort());
    try (var impatient =
        SemaphoreClient.create(
            settings(url, "tok-slow")
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500)))) {
      assertThatThrownBy(() -> new SemaphoreRunner(impatient).start(1, TaskRequest.plain(4)))
          .isInstanceOf(PortException.class)
          .hasMessageContaining("may have started anyway");
    } finally {
      slow.stop(0);
    }
  }
}
