package cd.chatrix.semaphore.model;

import static cd.chatrix.semaphore.model.Wire.bool;
import static cd.chatrix.semaphore.model.Wire.field;
import static cd.chatrix.semaphore.model.Wire.instant;
import static cd.chatrix.semaphore.model.Wire.integer;
import static cd.chatrix.semaphore.model.Wire.list;
import static cd.chatrix.semaphore.model.Wire.string;
import static cd.chatrix.semaphore.model.Wire.strings;
import static cd.chatrix.semaphore.model.Wire.text;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Maps Semaphore JSON to records. Written by hand rather than by data binding because the same
 * record must come out of two wire shapes (2.10 with nulls, 2.12+ with missing keys and {@code
 * params}/{@code task_params}).
 */
public final class Decode {
  private Decode() {}

  public static Project project(JsonNode n) {
    return new Project(
        integer(n, "id", 0),
        string(n, "name"),
        instant(n, "created"),
        bool(n, "alert"),
        text(n, "alert_chat").filter(s -> !s.isEmpty()),
        integer(n, "max_parallel_tasks", 0),
        string(n, "type"));
  }

  public static ServerInfo info(JsonNode n) {
    return new ServerInfo(
        string(n, "version"),
        string(n, "ansible"),
        text(n, "web_host").filter(s -> !s.isEmpty()),
        field(n, "use_remote_runner").map(JsonNode::asBoolean));
  }

  public static Environment environment(JsonNode n) {
    return new Environment(
        integer(n, "id", 0),
        integer(n, "project_id", 0),
        string(n, "name"),
        text(n, "json").orElse("{}"),
        text(n, "env").orElse("{}"));
  }

  public static Inventory inventory(JsonNode n) {
    return new Inventory(
        integer(n, "id", 0),
        integer(n, "project_id", 0),
        string(n, "name"),
        string(n, "type"),
        string(n, "inventory"),
        integer(n, "ssh_key_id"),
        integer(n, "become_key_id"),
        integer(n, "repository_id"));
  }

  public static View view(JsonNode n) {
    return new View(
        integer(n, "id", 0),
        integer(n, "project_id", 0),
        string(n, "title"),
        integer(n, "position", 0));
  }

  public static ApiToken apiToken(JsonNode n) {
    return new ApiToken(string(n, "id"), bool(n, "expired"), integer(n, "user_id", 0));
  }

  public static SurveyVar surveyVar(JsonNode n) {
    return new SurveyVar(
        string(n, "name"),
        string(n, "title"),
        string(n, "description"),
        string(n, "type"),
        bool(n, "required"),
        list(n, "values", v -> new SurveyVar.Value(string(v, "name"), string(v, "value"))),
        string(n, "default_value"));
  }

  public static TaskOutputLine outputLine(JsonNode n) {
    return new TaskOutputLine(
        integer(n, "task_id", 0),
        field(n, "id").filter(JsonNode::isNumber).map(JsonNode::asLong),
        instant(n, "time").orElse(Instant.EPOCH),
        string(n, "output"));
  }

  public static Template template(JsonNode n) {
    return new Template(
        integer(n, "id", 0),
        integer(n, "project_id", 0),
        string(n, "name"),
        string(n, "description"),
        string(n, "app"),
        string(n, "type"),
        string(n, "playbook"),
        text(n, "arguments").filter(s -> !s.isBlank()),
        integer(n, "inventory_id"),
        integer(n, "environment_id"),
        integer(n, "repository_id"),
        integer(n, "view_id"),
        text(n, "git_branch").filter(s -> !s.isEmpty()),
        list(n, "survey_vars", Decode::surveyVar),
        overrides(n),
        field(n, "last_task").filter(JsonNode::isObject).map(Decode::task));
  }

  static TemplateOverrides overrides(JsonNode template) {
    boolean args = bool(template, "allow_override_args_in_task");
    Optional<JsonNode> params = field(template, "task_params").filter(JsonNode::isObject);
    if (params.isEmpty()) {
      return TemplateOverrides.legacy(args);
    }
    JsonNode p = params.get();
    return new TemplateOverrides(
        true,
        args,
        bool(p, "allow_override_tags"),
        bool(p, "allow_override_skip_tags"),
        bool(p, "allow_override_limit"),
        bool(p, "allow_override_inventory"),
        bool(p, "allow_debug"),
        bool(template, "allow_override_branch_in_task"),
        stringList(p, "tags"),
        stringList(p, "skip_tags"),
        stringList(p, "limit"));
  }

  public static Task task(JsonNode n) {
    Optional<JsonNode> params = field(n, "params").filter(JsonNode::isObject);
    JsonNode p = params.orElse(null);
    List<String> limit = params.isPresent() ? stringList(p, "limit") : List.of();
    if (limit.isEmpty()) {
      limit = splitLimit(string(n, "limit"));
    }
    return new Task(
        integer(n, "id", 0),
        integer(n, "template_id", 0),
        integer(n, "project_id", 0),
        TaskStatus.parse(string(n, "status")),
        bool(n, "debug") || bool(p, "debug"),
        bool(n, "dry_run") || bool(p, "dry_run"),
        bool(n, "diff") || bool(p, "diff"),
        string(n, "playbook"),
        string(n, "environment"),
        limit,
        stringList(p, "tags"),
        stringList(p, "skip_tags"),
        text(n, "arguments").filter(s -> !s.isBlank()),
        text(n, "git_branch").filter(s -> !s.isEmpty()),
        integer(n, "user_id"),
        text(n, "user_name").filter(s -> !s.isEmpty()),
        instant(n, "created"),
        instant(n, "start"),
        instant(n, "end"),
        string(n, "message"),
        text(n, "commit_hash").filter(s -> !s.isEmpty()),
        text(n, "version").filter(s -> !s.isEmpty()),
        integer(n, "inventory_id"),
        text(n, "tpl_alias").filter(s -> !s.isEmpty()),
        text(n, "tpl_app").filter(s -> !s.isEmpty()));
  }

  /** A list that a server may send as an array or, in older params, as a comma-separated string. */
  private static List<String> stringList(JsonNode node, String key) {
    if (node == null) {
      return List.of();
    }
    Optional<JsonNode> value = field(node, key);
    if (value.isPresent() && value.get().isString()) {
      return splitLimit(value.get().asString());
    }
    return strings(node, key).stream().filter(s -> !s.isBlank()).toList();
  }

  private static List<String> splitLimit(String limit) {
    return Arrays.stream(limit.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
