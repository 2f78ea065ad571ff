package cd.chatrix.semaphore.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cd.chatrix.semaphore.Credentials;
import cd.chatrix.semaphore.SemaphoreClient;
import cd.chatrix.semaphore.SemaphoreSettings;
import cd.chatrix.semaphore.model.TaskStatus;
import cd.chatrix.testkit.semaphore.SemaphoreSimulator;
import cd.chatrix.testkit.semaphore.TemplateSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PushListenerTest {

  @Test
  void parsesUpdateAndLogFrames() {
    var update =
        PushListener.parse(
            "{\"type\":\"update\",\"start\":\"2024-10-25T00:43:48+05:00\",\"end\":null,\"status\":\"running\","
                + "\"task_id\":12,\"template_id\":3,\"project_id\":1,\"version\":null}");
    assertThat(update)
        .hasValueSatisfying(m -> {
          assertThat(m).isInstanceOf(PushMessage.Update.class);
          var u = (PushMessage.Update) m;
          assertThat(u.status()).isEqualTo(TaskStatus.RUNNING);
          assertThat(u.start()).hasValue(Instant.parse("2024-10-24T19:43:48Z"));
          assertThat(u.end()).isEmpty();
        });
    assertThat(
            PushListener.parse(
                "{\"type\":\"log\",\"output\":\"TASK [x]\",\"time\":\"2024-10-25T00:43:48.123+05:00\","
                    + "\"task_id\":12,\"project_id\":1}"))
        .hasValueSatisfying(m -> assertThat(((PushMessage.Log) m).output()).isEqualTo("TASK [x]"));
    assertThat(PushListener.parse("not json")).isEmpty();
    assertThat(PushListener.parse("{\"type\":\"something\",\"task_id\":1}")).isEmpty();
  }

  @Test
  void reconnectsAfterTheServerDropsIt() {
    try (var sim = SemaphoreSimulator.start();
        var client =
            SemaphoreClient.create(
                SemaphoreSettings.of(sim.baseUri(), new Credentials.ApiToken(sim.adminToken())))) {
      int p = sim.createProject("infra");
      int t = sim.createTemplate(p, TemplateSpec.ansible("deploy"));
      AtomicInteger connects = new AtomicInteger();
      List<PushMessage> messages = new CopyOnWriteArrayList<>();
      var handler =
          new PushListener.Handler() {
            @Override
            public void connected() {
              connects.incrementAndGet();
            }

            @Override
            public void disconnected(String reason) {}

            @Override
            public void message(PushMessage message) {
              messages.add(message);
            }
          };
      try (var listener =
          new PushListener(
              client,
              handler,
              Duration.ofMillis(50),
              Duration.ofMillis(200),
              Duration.ofSeconds(60))) {
        listener.start();
        await().atMost(10, TimeUnit.SECONDS).until(() -> sim.websocketCount() == 1);
        sim.dropWebsockets();
        await()
            .atMost(10, TimeUnit.SECONDS)
            .until(() -> connects.get() == 2 && sim.websocketCount() == 1);
        int id = sim.seedTasks(p, t, 1, "running").getFirst();
        sim.setStatus(id, "success");
        await()
            .atMost(10, TimeUnit.SECONDS)
            .until(() ->
                messages.stream()
                    .anyMatch(m ->
                        m instanceof PushMessage.Update u && u.status() == TaskStatus.SUCCESS));
      }
      assertThat(sim.requests().count("GET", "/api/ws")).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void aRevokedTokenKeepsRetryingWithoutConnecting() {
    try (var sim = SemaphoreSimulator.start();
        var client =
            SemaphoreClient.create(
                SemaphoreSettings.of(sim.baseUri(), new Credentials.ApiToken(sim.adminToken())))) {
      sim.revokeToken(sim.adminToken());
      List<String> reasons = new CopyOnWriteArrayList<>();
      var handler =
          new PushListener.Handler() {
            @Override
            public void connected() {
              reasons.add("connected");
            }

            @Override
            public void disconnected(String reason) {
              reasons.add(reason);
            }

            @Override
            public void message(PushMessage message) {}
          };
      try (var listener =
          new PushListener(
              client,
              handler,
              Duration.ofMillis(20),
              Duration.ofMillis(50),
              Duration.ofSeconds(60))) {
        listener.start();
        await()
            .atMost(10, TimeUnit.SECONDS)
            .until(() ->
                sim.requests().matching(r -> r.path().equals("/api/ws") && r.status() == 401).size()
                    >= 3);
      }
      assertThat(reasons).doesNotContain("connected").hasSize(1);
    }
  }
}
