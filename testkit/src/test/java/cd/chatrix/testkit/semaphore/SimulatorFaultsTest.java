package cd.chatrix.testkit.semaphore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.testkit.semaphore.Faults.Endpoint;
import cd.chatrix.testkit.semaphore.Faults.Kind;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The faults a test can stage, as a client sees them on the wire, and the restart. */
class SimulatorFaultsTest {
  private SemaphoreSimulator sim;
  private SimHttp http;

  @BeforeEach
  void start() {
    sim = SemaphoreSimulator.start();
    http = new SimHttp(sim.baseUri(), sim.adminToken());
  }

  @AfterEach
  void stop() {
    http.close();
    sim.close();
  }

  @Test
  void aFaultHitsOnlyItsEndpointUntilLifted() {
    Faults.Fault fault = sim.faults().inject(Kind.BAD_GATEWAY, Endpoint.of("GET", "/api/projects"));
    HttpResponse<String> proxied = http.send("GET", "/api/projects", null);
    assertThat(proxied.statusCode()).isEqualTo(502);
    assertThat(proxied.headers().firstValue("Content-Type")).hasValue("text/html");
    assertThat(proxied.body()).contains("502 Bad Gateway");
    assertThat(http.send("GET", "/api/info", null).statusCode()).isEqualTo(200);
    assertThat(http.send("GET", "/api/projects", null).statusCode()).isEqualTo(502);
    assertThat(fault.hits()).isEqualTo(2);

    fault.lift();
    assertThat(http.send("GET", "/api/projects", null).statusCode()).isEqualTo(200);
    assertThat(sim.requests().matching(r -> r.path().equals("/api/projects")))
        .extracting(RecordedRequest::status)
        .containsExactly(502, 502, 200);
  }

  @Test
  void aCountedFaultEndsByItself() {
    sim.faults().inject(Kind.RATE_LIMITED, Endpoint.of("*", "/api/info"), 1);
    HttpResponse<String> limited = http.send("GET", "/api/info", null);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(http.send("GET", "/api/info", null).statusCode()).isEqualTo(200);
  }

  @Test
  void semaphoresOwnErrorsAreEmptyJsonAndTheRouterSays404InText() {
    sim.faults().inject(Kind.TOKEN_REFUSED, Endpoint.of("GET", "/api/info"), 1);
    sim.faults().inject(Kind.NOT_FOUND, Endpoint.of("GET", "/api/projects"), 1);
    HttpResponse<String> refused = http.send("GET", "/api/info", null);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).isEmpty();
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/json");
    HttpResponse<String> notFound = http.send("GET", "/api/projects", null);
    assertThat(notFound.statusCode()).isEqualTo(404);
    assertThat(notFound.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
  }

  @Test
  void aResetAnswersNothingAndASilentReadHoldsUntilLifted() {
    // Until lifted: the JDK client itself tries a GET once more on a fresh connection.
    Faults.Fault reset =
        sim.faults().inject(Kind.CONNECTION_RESET, Endpoint.of("GET", "/api/info"));
    assertThatThrownBy(() -> http.send("GET", "/api/info", null))
        .isInstanceOf(UncheckedIOException.class);
    reset.lift();

    Faults.Fault silent = sim.faults().inject(Kind.READ_TIMEOUT, Endpoint.of("GET", "/api/info"));
    CompletableFuture<Throwable> held =
        CompletableFuture.supplyAsync(() -> {
          try {
            http.send("GET", "/api/info", null);
            return null;
          } catch (RuntimeException e) {
            return e;
          }
        });
    org.awaitility.Awaitility.await().until(() -> silent.hits() == 1);
    assertThat(held).isNotDone();
    silent.lift();
    // Let go without an answer: the JDK client then asks once more and gets through.
    held.join();
    assertThat(sim.requests().matching(r -> r.path().equals("/api/info")))
        .extracting(RecordedRequest::status)
        .contains(0);
  }

  @Test
  void aLostAnswerLeavesTheStartMadeAndTheClientWithoutAnAnswer() {
    int project = sim.createProject("infra");
    int template = sim.createTemplate(project, TemplateSpec.ansible("deploy"));
    String tasks = "/api/project/" + project + "/tasks";
    Faults.Fault lost =
        sim.faults().inject(Kind.ANSWER_LOST, Endpoint.of("POST", "/api/project/\\d+/tasks"));
    CompletableFuture<Object> start =
        CompletableFuture.supplyAsync(() -> {
          try {
            return http.send("POST", tasks, "{\"template_id\":" + template + "}");
          } catch (RuntimeException e) {
            return e;
          }
        });

    org.awaitility.Awaitility.await().until(() -> lost.hits() == 1);
    org.awaitility.Awaitility.await()
        .until(() -> http.send("GET", tasks, null).body().contains("\"template_id\":" + template));
    assertThat(start).as("the client has no answer").isNotDone();
    lost.lift();
    start.join();
  }

  @Test
  void aRestartKeepsThePortAndTheTasks() {
    int project = sim.createProject("infra");
    int template = sim.createTemplate(project, TemplateSpec.ansible("deploy"));
    int task = sim.seedTasks(project, template, 1, "running").getFirst();
    var before = sim.baseUri();

    sim.stopServing();
    assertThat(sim.serving()).isFalse();
    assertThatThrownBy(() -> http.send("GET", "/api/info", null))
        .isInstanceOf(UncheckedIOException.class);
    sim.startServing();

    assertThat(sim.baseUri()).isEqualTo(before);
    assertThat(http.getJson("/api/project/" + project + "/tasks/" + task).path("status").asString())
        .isEqualTo("running");
  }
}
