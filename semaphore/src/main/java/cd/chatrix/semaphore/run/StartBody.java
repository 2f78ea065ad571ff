package cd.chatrix.semaphore.run;

import cd.chatrix.semaphore.model.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The portable {@code POST /tasks} body (reference §5.6): 2.10 reads the top-level fields and
 * ignores {@code params}; 2.12+ reads {@code params} and converts the deprecated top-level {@code
 * limit}.
 */
public final class StartBody {
  private StartBody() {}

  public static ObjectNode build(JsonMapper json, Template template, RunOptions options) {
    ObjectNode body = json.createObjectNode();
    body.put("template_id", template.id());
    body.put("message", options.message());
    body.put("debug", options.debug());
    body.put("dry_run", options.dryRun());
    body.put("diff", options.diff());
    if (!options.vars().isEmpty()) {
      body.put("environment", json.writeValueAsString(sorted(json, options.vars())));
    }
    // Secret survey answers: a JSON object in a string, on every release. 2.10 keeps it aside in
    // AddTask (services/tasks/TaskPool.go: extraSecretVars := taskObj.Secret) and merges it last
    // into --extra-vars (LocalJob.go getEnvironmentExtraVarsJSON); later releases read the same
    // field (db/Task.go `Secret string db:"-" json:"secret,omitempty"`; TaskPool.go addTask) and
    // keep it sealed per task. Never in "environment", which Semaphore stores and shows.
    if (!options.secretVars().isEmpty()) {
      body.put("secret", json.writeValueAsString(sorted(json, options.secretVars())));
    }
    if (!options.limit().isEmpty()) {
      body.put("limit", String.join(",", options.limit()));
    }
    List<String> arguments = new ArrayList<>();
    // 2.10 has no tags field: tags reach ansible only as CLI arguments. 2.12+ templates (gated)
    // take params.
    if (!template.overrides().gated()) {
      if (!options.tags().isEmpty()) {
        arguments.add("--tags=" + String.join(",", options.tags()));
      }
      if (!options.skipTags().isEmpty()) {
        arguments.add("--skip-tags=" + String.join(",", options.skipTags()));
      }
    }
    arguments.addAll(options.arguments());
    if (!arguments.isEmpty()) {
      ArrayNode array = json.createArrayNode();
      arguments.forEach(array::add);
      body.put("arguments", json.writeValueAsString(array));
    }
    options.branch().ifPresent(b -> body.put("git_branch", b));
    options.inventoryId().ifPresent(i -> body.put("inventory_id", i));
    ObjectNode params = body.putObject("params");
    strings(params, "limit", options.limit());
    strings(params, "tags", options.tags());
    strings(params, "skip_tags", options.skipTags());
    if (options.debug()) {
      params.put("debug", true);
    }
    if (options.dryRun()) {
      params.put("dry_run", true);
    }
    if (options.diff()) {
      params.put("diff", true);
    }
    return body;
  }

  private static void strings(ObjectNode params, String key, List<String> values) {
    if (!values.isEmpty()) {
      ArrayNode array = params.putArray(key);
      values.forEach(array::add);
    }
  }

  private static ObjectNode sorted(JsonMapper json, Map<String, String> vars) {
    ObjectNode node = json.createObjectNode();
    vars.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> node.put(e.getKey(), e.getValue()));
    return node;
  }
}
