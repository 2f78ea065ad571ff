package cd.chatrix.testkit.semaphore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Validates the simulator's responses against Semaphore's own Swagger 2.0 spec (a local copy whose
 * errata patches are commented in the file). Swagger 2.0 schemas are a JSON Schema draft-4 subset,
 * so each response schema is validated with the spec's definitions attached.
 */
class SemaphoreSimulatorContractTest {
  private static JsonNode spec;

  @BeforeAll
  static void loadSpec() throws IOException {
    try (InputStream in =
        SemaphoreSimulatorContractTest.class.getResourceAsStream(
            "/semaphore/semaphore-api-docs.patched.yml")) {
      spec = YAMLMapper.builder().build().readTree(in);
    }
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void everyReadRouteMatchesTheSpec(Shape shape) {
    try (SemaphoreSimulator sim = SemaphoreSimulator.start(shape);
        SimHttp http = new SimHttp(sim.baseUri(), sim.adminToken())) {
      sim.stepDelay(Duration.ofMillis(2));
      int p = sim.createProject("contract");
      int t =
          sim.createTemplate(
              p,
              TemplateSpec.ansible("deploy")
                  .withSurvey(
                      List.of(new TemplateSpec.Survey("version", "Version", "", true, List.of()))));
      int done = sim.startTask(p, t);
      await().atMost(5, TimeUnit.SECONDS).until(() -> sim.status(done).equals("success"));
      int running = sim.seedTasks(p, t, 1, "running").getFirst();
      int view = p * 1000 + 4;

      List<String> problems = new ArrayList<>();
      check(http, problems, "/info", "/api/info");
      check(http, problems, "/auth/login", "/api/auth/login");
      check(http, problems, "/user/", "/api/user");
      check(http, problems, "/project/{project_id}/role", "/api/project/" + p + "/role");
      check(http, problems, "/user/tokens", "/api/user/tokens");
      check(http, problems, "/projects", "/api/projects");
      check(http, problems, "/project/{project_id}/", "/api/project/" + p);
      check(http, problems, "/project/{project_id}/templates", "/api/project/" + p + "/templates");
      check(
          http,
          problems,
          "/project/{project_id}/templates/{template_id}",
          "/api/project/" + p + "/templates/" + t);
      check(
          http,
          problems,
          "/project/{project_id}/environment",
          "/api/project/" + p + "/environment");
      check(http, problems, "/project/{project_id}/inventory", "/api/project/" + p + "/inventory");
      check(http, problems, "/project/{project_id}/views", "/api/project/" + p + "/views");
      check(
          http,
          problems,
          "/project/{project_id}/views/{view_id}",
          "/api/project/" + p + "/views/" + view);
      check(http, problems, "/project/{project_id}/tasks", "/api/project/" + p + "/tasks");
      check(
          http, problems, "/project/{project_id}/tasks/last", "/api/project/" + p + "/tasks/last");
      check(
          http,
          problems,
          "/project/{project_id}/tasks/{task_id}",
          "/api/project/" + p + "/tasks/" + done);
      check(
          http,
          problems,
          "/project/{project_id}/tasks/{task_id}",
          "/api/project/" + p + "/tasks/" + running);
      check(
          http,
          problems,
          "/project/{project_id}/tasks/{task_id}/output",
          "/api/project/" + p + "/tasks/" + done + "/output");

      HttpResponse<String> created =
          http.send(
              "POST",
              "/api/project/" + p + "/tasks",
              "{\"template_id\":" + t + ",\"message\":\"contract\"}");
      assertThat(created.statusCode()).isEqualTo(201);
      problems.addAll(validate("/project/{project_id}/tasks", "post", "201", created.body()));

      assertThat(problems).as("schema violations in shape " + shape).isEmpty();
    }
  }

  @org.junit.jupiter.api.Test
  void theCheckCanFail() {
    assertThat(validate("/info", "get", "200", "{\"version\":3}")).isNotEmpty();
    assertThat(validate("/project/{project_id}/tasks", "get", "200", "[{\"id\":\"x\"}]"))
        .isNotEmpty();
  }

  private static void check(SimHttp http, List<String> problems, String specPath, String realPath) {
    HttpResponse<String> r = http.send("GET", realPath, null);
    if (r.statusCode() != 200) {
      problems.add(realPath + " answered " + r.statusCode());
      return;
    }
    problems.addAll(validate(specPath, "get", "200", r.body()));
  }

  /** Swagger's example keywords are not JSON Schema; dropping them keeps the validator quiet. */
  private static void dropExamples(JsonNode node) {
    if (node instanceof ObjectNode o) {
      o.remove(List.of("example", "x-example"));
    }
    node.forEach(SemaphoreSimulatorContractTest::dropExamples);
  }

  private static List<String> validate(String specPath, String method, String status, String body) {
    JsonNode schemaNode =
        spec.path("paths")
            .path(specPath)
            .path(method)
            .path("responses")
            .path(status)
            .path("schema");
    assertThat(schemaNode.isObject())
        .as("spec has a schema for %s %s %s", method, specPath, status)
        .isTrue();
    ObjectNode root = ((ObjectNode) schemaNode).deepCopy();
    root.set("definitions", spec.get("definitions").deepCopy());
    dropExamples(root);
    Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(root);
    List<String> out = new ArrayList<>();
    for (Error e : schema.validate(SimHttp.JSON.readTree(body))) {
      out.add(method.toUpperCase() + " " + specPath + ": " + e.getMessage());
    }
    return out;
  }
}
