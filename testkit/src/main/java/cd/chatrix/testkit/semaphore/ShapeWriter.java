package cd.chatrix.testkit.semaphore;

import cd.chatrix.testkit.semaphore.SimModel.Output;
import cd.chatrix.testkit.semaphore.SimModel.Project;
import cd.chatrix.testkit.semaphore.SimModel.Task;
import cd.chatrix.testkit.semaphore.SimModel.Template;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders rows as Semaphore would. In {@link Shape#V2_10} every key is written and absent values
 * are {@code null}; in {@link Shape#V2_12} empty values are left out (omitempty) and the params
 * objects appear.
 */
final class ShapeWriter {
  private final JsonMapper json;
  private volatile Shape shape;

  ShapeWriter(JsonMapper json, Shape shape) {
    this.json = json;
    this.shape = shape;
  }

  Shape shape() {
    return shape;
  }

  void shape(Shape shape) {
    this.shape = shape;
  }

  JsonMapper json() {
    return json;
  }

  /**
   * A request body that must be a JSON object; empty when it is not, which the callers answer with
   * 400 as Semaphore answers a body it cannot bind (semaphore-api.md: "Bad JSON").
   */
  Optional<JsonNode> object(String body) {
    try {
      JsonNode req = json.readTree(body);
      return req != null && req.isObject() ? Optional.of(req) : Optional.empty();
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }

  private boolean old() {
    return shape == Shape.V2_10;
  }

  static String time(OffsetDateTime t) {
    return t == null ? null : t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  // Writers that drop empty values in the 2.12 shape and keep nulls in the 2.10 shape.
  private void str(ObjectNode n, String key, String value) {
    if (value == null) {
      if (old()) {
        n.putNull(key);
      }
    } else if (old() || !value.isEmpty()) {
      n.put(key, value);
    }
  }

  private void integer(ObjectNode n, String key, Integer value) {
    if (value == null) {
      if (old()) {
        n.putNull(key);
      }
    } else if (old() || value != 0) {
      n.put(key, value);
    }
  }

  private void bool(ObjectNode n, String key, boolean value) {
    if (old() || value) {
      n.put(key, value);
    }
  }

  ObjectNode info() {
    ObjectNode n = json.createObjectNode();
    n.put("version", shape.version());
    n.put("ansible", "ansible [core 2.16.3]");
    n.put("web_host", "");
    n.put("use_remote_runner", false);
    return n;
  }

  ObjectNode project(Project p) {
    ObjectNode n = json.createObjectNode();
    n.put("id", p.id);
    n.put("name", p.name);
    n.put("created", time(p.created));
    bool(n, "alert", false);
    str(n, "alert_chat", null);
    integer(n, "max_parallel_tasks", 0);
    str(n, "type", "");
    return n;
  }

  ObjectNode task(Task t, Optional<Template> withTpl) {
    ObjectNode n = json.createObjectNode();
    n.put("id", t.id);
    n.put("template_id", t.templateId);
    n.put("project_id", t.projectId);
    n.put("status", t.status);
    bool(n, "debug", t.debug);
    bool(n, "dry_run", t.dryRun);
    bool(n, "diff", t.diff);
    str(n, "playbook", t.playbook);
    str(n, "environment", t.environment);
    str(n, "limit", t.limit);
    str(n, "secret", "");
    str(n, "arguments", t.arguments);
    str(n, "git_branch", t.gitBranch);
    integer(n, "user_id", t.userId);
    integer(n, "integration_id", null);
    integer(n, "schedule_id", null);
    n.put("created", time(t.created));
    str(n, "start", time(t.start));
    str(n, "end", time(t.end));
    str(n, "message", t.message);
    str(n, "commit_hash", null);
    str(n, "commit_message", "");
    integer(n, "build_task_id", null);
    str(n, "version", null);
    integer(n, "inventory_id", t.inventoryId);
    if (!old() && !t.params.isEmpty()) {
      n.set("params", json.valueToTree(t.params));
    }
    withTpl.ifPresent(tpl -> {
      str(n, "tpl_playbook", "site.yml");
      str(n, "tpl_alias", tpl.spec.name());
      str(n, "tpl_type", "");
      str(n, "tpl_app", tpl.spec.app());
      str(n, "user_name", t.userId == null ? null : "admin");
      if (old()) {
        n.putNull("build_task");
      }
    });
    return n;
  }

  ObjectNode template(Template t, boolean full, Optional<Task> lastTask, int taskCount) {
    TemplateSpec s = t.spec;
    ObjectNode n = json.createObjectNode();
    n.put("id", t.id);
    n.put("project_id", t.projectId);
    integer(n, "inventory_id", t.inventoryId);
    n.put("repository_id", t.repositoryId);
    integer(n, "environment_id", t.environmentId);
    n.put("name", s.name());
    n.put("playbook", s.app().equals("ansible") ? "site.yml" : "");
    str(n, "arguments", null);
    bool(n, "allow_override_args_in_task", s.allowArgs());
    str(n, "description", null);
    if (old()) {
      n.putNull("vaults");
    }
    str(n, "type", "");
    str(n, "start_version", null);
    integer(n, "build_template_id", null);
    integer(n, "view_id", t.viewId);
    if (lastTask.isPresent()) {
      n.set("last_task", task(lastTask.get(), Optional.of(t)));
    } else if (old()) {
      n.putNull("last_task");
    }
    bool(n, "autorun", false);
    str(n, "git_branch", null);
    // 2.10 SQL list responses return null survey vars (upstream bug); get-by-id fills them.
    if (full || !old()) {
      if (!s.surveyVars().isEmpty() || old()) {
        n.set("survey_vars", surveys(s.surveyVars()));
      }
    } else {
      n.putNull("survey_vars");
    }
    bool(n, "suppress_success_alerts", false);
    n.put("app", s.app());
    integer(n, "tasks", taskCount);
    if (!old()) {
      ObjectNode p = n.putObject("task_params");
      TemplateSpec.TaskParams tp = s.taskParams();
      p.put("allow_debug", tp.allowDebug());
      p.put("allow_override_inventory", tp.allowOverrideInventory());
      p.put("allow_override_limit", tp.allowOverrideLimit());
      p.put("allow_override_tags", tp.allowOverrideTags());
      p.put("allow_override_skip_tags", tp.allowOverrideSkipTags());
    }
    return n;
  }

  /**
   * Survey variables as the release writes them. 2.10 writes every key, {@code values} null when
   * empty, and has no default ({@code db/Template.go} at v2.10.22: {@code SurveyVar} without {@code
   * omitempty}). Later releases leave empty keys out and add {@code default_value} ({@code
   * db/Template.go} at 03aa639978e7: {@code required,omitempty}, {@code type,omitempty}, {@code
   * description,omitempty}, {@code values,omitempty}, {@code default_value,omitempty}).
   */
  private ArrayNode surveys(List<TemplateSpec.Survey> vars) {
    ArrayNode a = json.createArrayNode();
    for (TemplateSpec.Survey v : vars) {
      ObjectNode o = a.addObject();
      o.put("name", v.name());
      o.put("title", v.title());
      if (old()) {
        o.put("required", v.required());
        o.put("type", v.type());
        o.put("description", v.description());
        if (v.choices().isEmpty()) {
          o.putNull("values");
        } else {
          choices(o, v);
        }
        continue;
      }
      if (v.required()) {
        o.put("required", true);
      }
      if (!v.type().isEmpty()) {
        o.put("type", v.type());
      }
      if (!v.description().isEmpty()) {
        o.put("description", v.description());
      }
      if (!v.choices().isEmpty()) {
        choices(o, v);
      }
      if (!v.defaultValue().isEmpty()) {
        o.put("default_value", v.defaultValue());
      }
    }
    return a;
  }

  private static void choices(ObjectNode o, TemplateSpec.Survey v) {
    ArrayNode values = o.putArray("values");
    v.choices().forEach(c -> values.addObject().put("name", c.name()).put("value", c.value()));
  }

  ObjectNode environment(int projectId) {
    ObjectNode n = json.createObjectNode();
    n.put("id", projectId * 1000 + 2);
    n.put("name", "Empty");
    n.put("project_id", projectId);
    str(n, "password", null);
    n.put("json", "{}");
    str(n, "env", null);
    if (old()) {
      n.putNull("secrets");
    }
    return n;
  }

  ObjectNode inventory(int projectId) {
    ObjectNode n = json.createObjectNode();
    n.put("id", projectId * 1000 + 1);
    n.put("name", "Hosts");
    n.put("project_id", projectId);
    n.put("inventory", "[web]\nweb1\nweb2\n");
    integer(n, "ssh_key_id", projectId * 1000 + 5);
    integer(n, "become_key_id", null);
    n.put("type", "static");
    integer(n, "holder_id", null);
    integer(n, "repository_id", null);
    return n;
  }

  ObjectNode view(int projectId) {
    ObjectNode n = json.createObjectNode();
    n.put("id", projectId * 1000 + 4);
    n.put("project_id", projectId);
    n.put("title", "Deploy");
    n.put("position", 1);
    return n;
  }

  ObjectNode output(Task t, Output o) {
    ObjectNode n = json.createObjectNode();
    if (!old()) {
      n.put("id", o.id());
    }
    n.put("task_id", t.id);
    n.put("task", "");
    n.put("time", time(o.time()));
    n.put("output", o.text());
    return n;
  }

  /** A list; 2.10 encodes an empty Go slice as {@code null} in some routes. */
  JsonNode list(Collection<? extends JsonNode> items, boolean nullWhenEmptyOn210) {
    if (items.isEmpty() && nullWhenEmptyOn210 && old()) {
      return json.nullNode();
    }
    ArrayNode a = json.createArrayNode();
    items.forEach(a::add);
    return a;
  }

  String wsUpdate(Task t) {
    ObjectNode n = json.createObjectNode();
    n.put("type", "update");
    putTime(n, "start", t.start);
    putTime(n, "end", t.end);
    n.put("status", t.status);
    n.put("task_id", t.id);
    n.put("template_id", t.templateId);
    n.put("project_id", t.projectId);
    n.putNull("version");
    return json.writeValueAsString(n);
  }

  String wsLog(Task t, Output o) {
    return json.writeValueAsString(
        Map.of(
            "type",
            "log",
            "output",
            o.text(),
            "time",
            time(o.time()),
            "task_id",
            t.id,
            "project_id",
            t.projectId));
  }

  private static void putTime(ObjectNode n, String key, OffsetDateTime t) {
    if (t == null) {
      n.putNull(key);
    } else {
      n.put(key, time(t));
    }
  }
}
