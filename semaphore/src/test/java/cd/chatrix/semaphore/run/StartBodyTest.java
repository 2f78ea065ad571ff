package cd.chatrix.semaphore.run;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.semaphore.model.Template;
import cd.chatrix.semaphore.model.TemplateOverrides;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StartBodyTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static Template template(TemplateOverrides o) {
    return new Template(
        7,
        1,
        "deploy",
        "",
        "ansible",
        "",
        "site.yml",
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        o,
        Optional.empty());
  }

  @Test
  void legacyBodyPutsTagsIntoAJsonArrayString() {
    JsonNode body =
        StartBody.build(
            JSON,
            template(TemplateOverrides.legacy(true)),
            RunOptions.plain("go")
                .withTags(List.of("web", "db"))
                .withSkipTags(List.of("slow"))
                .withArguments(List.of("-e", "x=\"1\""))
                .withLimit(List.of("a", "b"))
                .withVars(Map.of("b", "2", "a", "1")));
    assertThat(body.get("template_id").asInt()).isEqualTo(7);
    JsonNode args = JSON.readTree(body.get("arguments").asString());
    assertThat(args.isArray()).isTrue();
    assertThat(args)
        .extracting(JsonNode::asString)
        .containsExactly("--tags=web,db", "--skip-tags=slow", "-e", "x=\"1\"");
    assertThat(body.get("limit").asString()).isEqualTo("a,b");
    assertThat(body.get("environment").asString()).isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");
    assertThat(body.get("params").get("limit"))
        .extracting(JsonNode::asString)
        .containsExactly("a", "b");
    assertThat(body.has("secret")).isFalse();
  }

  @Test
  void gatedTemplatesGetTagsOnlyInParams() {
    TemplateOverrides all =
        new TemplateOverrides(
            true, false, true, true, true, true, true, true, List.of(), List.of(), List.of());
    JsonNode body =
        StartBody.build(JSON, template(all), RunOptions.plain("go").withTags(List.of("web")));
    assertThat(body.has("arguments")).isFalse();
    assertThat(body.get("params").get("tags").get(0).asString()).isEqualTo("web");
  }
}
