package cd.chatrix.testkit.semaphore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * The task's {@code secret} field as Semaphore takes it: a JSON object in a string, kept apart from
 * the {@code environment} extra vars, never answered back, and a job failure when malformed.
 */
class SimulatorSecretTest {
  private static final String BODY =
      "{\"template_id\":%d,\"environment\":\"{\\\"region\\\":\\\"eu\\\"}\","
          + "\"secret\":\"{\\\"api_key\\\":\\\"s3cr3t\\\"}\"}";

  @ParameterizedTest
  @EnumSource(Shape.class)
  void theSecretFieldReachesAnsibleApartAndIsNeverAnsweredBack(Shape shape) {
    try (var sim = SemaphoreSimulator.start(shape);
        var http = new SimHttp(sim.baseUri(), sim.adminToken())) {
      sim.stepDelay(Duration.ofMillis(5));
      int project = sim.createProject("infra");
      int template = sim.createTemplate(project, TemplateSpec.ansible("deploy"));

      HttpResponse<String> r =
          http.send("POST", "/api/project/" + project + "/tasks", BODY.formatted(template));

      assertThat(r.statusCode()).isEqualTo(201);
      assertThat(r.body()).doesNotContain("s3cr3t");
      JsonNode created = SimHttp.JSON.readTree(r.body());
      if (shape == Shape.V2_10) {
        assertThat(created.get("secret").asString()).isEqualTo("{}");
      } else {
        assertThat(created.has("secret")).isFalse();
      }
      int id = created.get("id").asInt();
      AnsibleInputs inputs = sim.ansibleInputs(id);
      assertThat(inputs.extraVars()).isEqualTo(Map.of("region", "eu"));
      assertThat(inputs.secrets()).isEqualTo(Map.of("api_key", "s3cr3t"));
      assertThat(inputs.toString()).doesNotContain("s3cr3t");
      await().atMost(5, TimeUnit.SECONDS).until(() -> sim.status(id).equals("success"));
      assertThat(http.send("GET", "/api/project/" + project + "/tasks/" + id, null).body())
          .doesNotContain("s3cr3t");
      assertThat(http.send("GET", "/api/project/" + project + "/tasks", null).body())
          .doesNotContain("s3cr3t");
    }
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void aSecretThatIsNotAJsonObjectFailsTheJob(Shape shape) {
    try (var sim = SemaphoreSimulator.start(shape);
        var http = new SimHttp(sim.baseUri(), sim.adminToken())) {
      sim.stepDelay(Duration.ofMillis(5));
      int project = sim.createProject("infra");
      int template = sim.createTemplate(project, TemplateSpec.ansible("deploy"));

      HttpResponse<String> r =
          http.send(
              "POST",
              "/api/project/" + project + "/tasks",
              "{\"template_id\":" + template + ",\"secret\":\"api_key=s3cr3t\"}");

      assertThat(r.statusCode()).isEqualTo(201);
      int id = SimHttp.JSON.readTree(r.body()).get("id").asInt();
      await().atMost(5, TimeUnit.SECONDS).until(() -> sim.status(id).equals("error"));
      assertThat(sim.ansibleInputs(id).secrets()).isEmpty();
    }
  }
}
