package cd.chatrix.testkit.semaphore;

import cd.chatrix.testkit.semaphore.SimModel.Project;
import cd.chatrix.testkit.semaphore.SimModel.Task;
import cd.chatrix.testkit.semaphore.SimModel.Template;
import cd.chatrix.testkit.semaphore.SimModel.User;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/project/{pid}/tasks…} with Semaphore's status codes (reference §2.5) and state
 * machine.
 */
final class TaskRoutes {
  private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() {};
  private final SimStore store;
  private final ShapeWriter writer;
  private final ScriptRunner runner;

  TaskRoutes(SimStore store, ShapeWriter writer, ScriptRunner runner) {
    this.store = store;
    this.writer = writer;
    this.runner = runner;
  }

  /** {@code rest} is the path after {@code /api/project/{pid}/tasks}. */
  SimResponse route(
      String method, String rest, String query, String body, User user, Project project) {
    String[] parts = rest.isEmpty() ? new String[0] : rest.substring(1).split("/");
    if (parts.length == 0) {
      return switch (method) {
        case "GET", "HEAD" -> list(project, 1000);
        case "POST" -> start(body, user, project);
        default -> SimResponse.empty(405);
      };
    }
    if (parts[0].equals("last") && parts.length == 1) {
      return method.equals("GET") ? list(project, lastLimit(query)) : SimResponse.empty(405);
    }
    int taskId;
    try {
      taskId = Integer.parseInt(parts[0]);
    } catch (NumberFormatException e) {
      return SimResponse.empty(400);
    }
    Optional<Task> found = store.task(project.id, taskId);
    if (found.isEmpty()) {
      // Semaphore's GetTaskMiddleware answers 400, not 404, for unknown or foreign tasks.
      return SimResponse.empty(400);
    }
    Task task = found.get();
    String action = parts.length > 1 ? parts[1] : "";
    String role = store.roleOf(user, project);
    return switch (action + ":" + method) {
      case ":GET", ":HEAD" ->
          SimResponse.json(200, writer.json().writeValueAsString(renderPlain(task)));
      case ":DELETE" -> delete(task, user, role);
      case "output:GET" -> output(task);
      case "stop:POST" -> canRun(role) ? stop(task, body) : SimResponse.empty(403);
      case "confirm:POST" -> canRun(role) ? confirm(task) : SimResponse.empty(403);
      default ->
          List.of("", "output", "stop", "confirm").contains(action)
              ? SimResponse.empty(405)
              : SimResponse.notFoundText();
    };
  }

  private static boolean canRun(String role) {
    return !role.equals("guest");
  }

  private static int lastLimit(String query) {
    for (String p : query.split("&")) {
      if (p.startsWith("limit=")) {
        try {
          int n = Integer.parseInt(p.substring(6));
          return n >= 1 && n <= 200 ? n : 200;
        } catch (NumberFormatException e) {
          return 200;
        }
      }
    }
    return 200;
  }

  private SimResponse list(Project project, int limit) {
    List<JsonNode> items = new ArrayList<>();
    synchronized (store.lock) {
      for (Task t : store.tasks(project.id, limit)) {
        items.add(writer.task(t, store.template(project.id, t.templateId)));
      }
    }
    return SimResponse.json(200, writer.json().writeValueAsString(writer.list(items, false)));
  }

  private ObjectNode renderPlain(Task t) {
    synchronized (store.lock) {
      return writer.task(t, Optional.empty());
    }
  }

  private SimResponse output(Task task) {
    List<JsonNode> rows = new ArrayList<>();
    synchronized (store.lock) {
      store.output(task).forEach(o -> rows.add(writer.output(task, o)));
    }
    return SimResponse.json(200, writer.json().writeValueAsString(writer.list(rows, true)));
  }

  private SimResponse start(String body, User user, Project project) {
    if (store.roleOf(user, project).equals("guest")) {
      return SimResponse.empty(403);
    }
    Optional<JsonNode> parsed = writer.object(body);
    if (parsed.isEmpty()) {
      return SimResponse.empty(400);
    }
    JsonNode req = parsed.get();
    int templateId = req.path("template_id").asInt(0);
    Optional<Template> template = store.template(project.id, templateId);
    if (template.isEmpty()) {
      return SimResponse.empty(500);
    }
    Optional<AnsibleInputs> inputs = ansibleInputs(req);
    Task t = store.addTask(project.id, template.get(), user.id);
    synchronized (store.lock) {
      t.debug = req.path("debug").asBoolean(false);
      t.dryRun = req.path("dry_run").asBoolean(false);
      t.diff = req.path("diff").asBoolean(false);
      t.playbook = req.path("playbook").asString("");
      t.environment = req.path("environment").asString("");
      t.limit = req.path("limit").asString("");
      t.message = req.path("message").asString("");
      t.arguments = req.hasNonNull("arguments") ? req.get("arguments").asString() : null;
      t.gitBranch = req.hasNonNull("git_branch") ? req.get("git_branch").asString() : null;
      t.inventoryId = req.hasNonNull("inventory_id") ? req.get("inventory_id").asInt() : null;
      inputs.ifPresent(i -> t.ansible = i);
      if (writer.shape() == Shape.V2_12) {
        if (req.path("params").isObject()) {
          t.params = writer.json().convertValue(req.get("params"), PARAMS);
        }
        if (!t.limit.isEmpty() && !t.params.containsKey("limit")) {
          t.params.put("limit", Arrays.stream(t.limit.split(",")).map(String::trim).toList());
        }
      }
    }
    ObjectNode created = renderPlain(t);
    // AddTask keeps the secret aside and blanks the field before the task row is written and
    // answered: "{}" up to 2.10 (services/tasks/TaskPool.go, AddTask); later releases blank it to
    // ""
    // and the field is omitempty (db/Task.go `json:"secret,omitempty"`), so it is left out.
    if (writer.shape() == Shape.V2_10) {
      created.put("secret", "{}");
    } else {
      created.remove("secret");
    }
    // A secret or environment that is not a JSON object fails the job when it builds the extra
    // vars (LocalJob.getEnvironmentExtraVarsJSON returns the unmarshal error): the task errors.
    runner.start(t, inputs.isPresent() ? template.get().spec.script() : RunScript.ansibleFailure());
    return SimResponse.json(201, writer.json().writeValueAsString(created));
  }

  /**
   * The variables the job would pass to ansible, read as Semaphore reads them: {@code environment}
   * and {@code secret} are JSON objects encoded as strings, each unmarshalled into a map
   * (services/tasks/LocalJob.go getEnvironmentExtraVarsJSON, 2.10; the field and its encoding are
   * unchanged in later releases: db/Task.go {@code Secret string `db:"-" json:"secret,omitempty"`},
   * services/tasks/TaskPool.go addTask {@code extraSecretVars := taskObj.Secret}). Empty when
   * either is not a JSON object, as the job then fails.
   */
  private Optional<AnsibleInputs> ansibleInputs(JsonNode req) {
    Optional<Map<String, Object>> env = jsonObject(req.path("environment").asString(""));
    String secret = req.path("secret").asString("");
    Optional<Map<String, Object>> secrets = jsonObject(secret);
    if (env.isEmpty() || secrets.isEmpty()) {
      return Optional.empty();
    }
    // The simulator's template environment holds "{}" (ShapeWriter.environment), so the task's
    // extra vars are all there is; a real template environment would win on conflicts.
    return Optional.of(new AnsibleInputs(env.get(), secrets.get(), !secrets.get().isEmpty()));
  }

  private Optional<Map<String, Object>> jsonObject(String text) {
    if (text.isEmpty()) {
      return Optional.of(Map.of());
    }
    try {
      JsonNode node = writer.json().readTree(text);
      return node != null && node.isObject()
          ? Optional.of(writer.json().convertValue(node, PARAMS))
          : Optional.empty();
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }

  private SimResponse stop(Task task, String body) {
    JsonNode req;
    try {
      req = body.isBlank() ? null : writer.json().readTree(body);
    } catch (JacksonException e) {
      return SimResponse.empty(400);
    }
    if (body.isBlank() || req == null) {
      // An empty body is EOF for Go's decoder: 400. A literal null is accepted.
      return SimResponse.empty(400);
    }
    boolean force = req.path("force").asBoolean(false);
    synchronized (store.lock) {
      String status = task.status;
      if (!SimStore.isActive(task)) {
        store.setStatus(task, "stopped");
      } else if (force) {
        store.setStatus(task, "stopped");
      } else if (status.equals("waiting") || status.equals("starting")) {
        store.setStatus(task, "stopping");
        store.setStatus(task, "stopped");
      } else {
        store.setStatus(task, "stopping");
        // The killed job returns an error and SetStatus(error) is not blocked from stopping.
        store.setStatus(task, "error");
      }
    }
    return SimResponse.empty(204);
  }

  private SimResponse confirm(Task task) {
    synchronized (store.lock) {
      if (!SimStore.isActive(task)) {
        return SimResponse.empty(400);
      }
      if (task.status.equals("waiting_confirmation")) {
        store.setStatus(task, "confirmed");
      }
    }
    return SimResponse.empty(204);
  }

  private SimResponse delete(Task task, User user, String role) {
    if (role.equals("guest") || role.equals("task_runner")) {
      return SimResponse.empty(403);
    }
    if (!user.admin) {
      return SimResponse.empty(401);
    }
    return store.removeTask(task) ? SimResponse.empty(204) : SimResponse.empty(400);
  }
}
