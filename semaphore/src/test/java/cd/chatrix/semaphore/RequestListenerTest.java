package cd.chatrix.semaphore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.semaphore.RequestListener.Outcome;
import cd.chatrix.semaphore.RequestListener.Request;
import cd.chatrix.testkit.semaphore.SemaphoreSimulator;
import cd.chatrix.testkit.semaphore.Shape;
import cd.chatrix.testkit.semaphore.TemplateSpec;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RequestListenerTest {
  private final List<Request> heard = new CopyOnWriteArrayList<>();

  private SemaphoreClient client(URI url, String token, int attempts) {
    return SemaphoreClient.create(
        SemaphoreSettings.of(url, new Credentials.ApiToken(token))
            .withRetry(new RetryPolicy(attempts, Duration.ofMillis(10), Duration.ofMillis(20))),
        heard::add);
  }

  @Test
  void everyRequestIsReportedWithItsEndpointTemplateStatusAndDuration() {
    try (var sim = SemaphoreSimulator.start(Shape.V2_12)) {
      int project = sim.createProject("infra");
      int template = sim.createTemplate(project, TemplateSpec.ansible("deploy"));
      int task = sim.seedTasks(project, template, 1, "success").getFirst();
      try (var client = client(sim.baseUri(), sim.adminToken(), 1)) {
        client.projects();
        client.task(project, task);
        client.lastTasks(project, 5);
      }
    }

    assertThat(heard)
        .extracting(Request::method, Request::endpoint, Request::status, Request::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("GET", "/projects", 200, Outcome.OK),
            org.assertj.core.groups.Tuple.tuple("GET", "/project/{id}/tasks/{id}", 200, Outcome.OK),
            org.assertj.core.groups.Tuple.tuple(
                "GET", "/project/{id}/tasks/last", 200, Outcome.OK));
    assertThat(heard).allSatisfy(r -> assertThat(r.duration()).isPositive());
  }

  @Test
  void retriedServerErrorsAreEachReportedThenTheSuccess() {
    try (var sim = SemaphoreSimulator.start(Shape.V2_12);
        var client = client(sim.baseUri(), sim.adminToken(), 3)) {
      sim.createProject("infra");
      sim.faults().failNext(2, 503);

      assertThat(client.projects()).hasSize(1);
    }

    assertThat(heard)
        .extracting(Request::status, Request::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(503, Outcome.SERVER_ERROR),
            org.assertj.core.groups.Tuple.tuple(503, Outcome.SERVER_ERROR),
            org.assertj.core.groups.Tuple.tuple(200, Outcome.OK));
    assertThat(heard.getFirst().outcome().serverFailed()).isTrue();
  }

  @Test
  void refusalsAreNotServerFailures() {
    try (var sim = SemaphoreSimulator.start(Shape.V2_12);
        var client = client(sim.baseUri(), "not-the-token", 1)) {
      assertThatThrownBy(client::projects).isInstanceOf(SemaphoreException.Unauthorized.class);
      assertThatThrownBy(() -> client(sim.baseUri(), sim.adminToken(), 1).project(999))
          .isInstanceOf(SemaphoreException.NotFound.class);
    }

    assertThat(heard)
        .extracting(Request::status, Request::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(401, Outcome.UNAUTHORIZED),
            org.assertj.core.groups.Tuple.tuple(404, Outcome.CLIENT_ERROR));
    assertThat(heard).noneMatch(r -> r.outcome().serverFailed());
  }

  @Test
  void noAnswerIsReportedAsUnreachable() throws Exception {
    int freePort;
    try (var socket = new ServerSocket(0)) {
      freePort = socket.getLocalPort();
    }
    try (var client = client(URI.create("http://127.0.0.1:" + freePort), "t", 2)) {
      assertThatThrownBy(client::projects).isInstanceOf(SemaphoreException.Unreachable.class);
    }

    assertThat(heard)
        .extracting(Request::status, Request::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, Outcome.UNREACHABLE),
            org.assertj.core.groups.Tuple.tuple(0, Outcome.UNREACHABLE));
  }

  @Test
  void aThrowingListenerDoesNotBreakTheRequest() {
    try (var sim = SemaphoreSimulator.start(Shape.V2_12);
        var client =
            SemaphoreClient.create(
                SemaphoreSettings.of(sim.baseUri(), new Credentials.ApiToken(sim.adminToken())),
                r -> {
                  throw new IllegalStateException("broken listener");
                })) {
      sim.createProject("infra");

      assertThat(client.projects()).hasSize(1);
    }
  }

  @Test
  void endpointTemplatesHideIdsAndQueries() {
    assertThat(Request.endpointOf("/project/12/tasks/3401/output"))
        .isEqualTo("/project/{id}/tasks/{id}/output");
    assertThat(Request.endpointOf("/project/7/tasks/last?limit=200"))
        .isEqualTo("/project/{id}/tasks/last");
    assertThat(Request.endpointOf("/ping")).isEqualTo("/ping");
  }
}
