package cd.chatrix.testkit.semaphore;

import cd.chatrix.testkit.semaphore.SimModel.Project;
import cd.chatrix.testkit.semaphore.SimModel.Template;
import cd.chatrix.testkit.semaphore.SimModel.Token;
import cd.chatrix.testkit.semaphore.SimModel.User;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Routes {@code /api/…} requests (everything but the websocket) the way Semaphore 2.10 does. */
final class SimApi implements HttpHandler {
  private final SimStore store;
  private final ShapeWriter writer;
  private final TaskRoutes tasks;
  private final Faults faults;
  private final RequestLog log;

  SimApi(SimStore store, ShapeWriter writer, TaskRoutes tasks, Faults faults, RequestLog log) {
    this.store = store;
    this.writer = writer;
    this.tasks = tasks;
    this.faults = faults;
    this.log = log;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = ex.getRequestURI().getPath();
      if (path.length() > 1 && path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      String query = Optional.ofNullable(ex.getRequestURI().getRawQuery()).orElse("");
      String method = ex.getRequestMethod();
      SimResponse response;
      try {
        response = route(ex, method, path, query, body);
      } catch (RuntimeException e) {
        response = SimResponse.empty(500);
      }
      log.add(new RecordedRequest(Instant.now(), method, path, query, body, response.status()));
      ex.getResponseHeaders().set("Content-Type", response.contentType());
      response.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
      boolean noBody = bytes.length == 0 || response.status() == 204 || method.equals("HEAD");
      ex.sendResponseHeaders(response.status(), noBody ? -1 : bytes.length);
      if (!noBody) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  private SimResponse route(
      HttpExchange ex, String method, String path, String query, String body) {
    if (!path.startsWith("/api/")) {
      return SimResponse.notFoundText();
    }
    if (path.equals("/api/ping")) {
      return method.equals("GET") || method.equals("HEAD")
          ? new SimResponse(200, "text/plain; charset=utf-8", "pong", Map.of())
          : SimResponse.empty(405);
    }
    pause();
    if (faults.takeFailure()) {
      return SimResponse.empty(faults.failureStatus());
    }
    if (path.equals("/api/auth/login")) {
      return login(method, body);
    }
    if (path.equals("/api/auth/logout")) {
      return SimResponse.empty(204);
    }
    Optional<User> maybeUser =
        store.authenticate(
            ex.getRequestHeaders().getFirst("Authorization"),
            ex.getRequestHeaders().getFirst("Cookie"));
    if (maybeUser.isEmpty()) {
      return SimResponse.empty(401);
    }
    User user = maybeUser.get();
    String[] parts = path.substring("/api/".length()).split("/");
    return switch (parts[0]) {
      case "info" -> get(method, () -> writer.info());
      case "user" -> user(method, parts, user);
      case "projects" -> projects(method, user, body);
      case "project" -> project(method, parts, path, query, body, user);
      default -> SimResponse.notFoundText();
    };
  }

  private void pause() {
    if (!faults.latency().isZero()) {
      try {
        Thread.sleep(faults.latency());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private SimResponse get(String method, java.util.function.Supplier<JsonNode> body) {
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return SimResponse.empty(405);
    }
    return SimResponse.json(200, writer.json().writeValueAsString(body.get()));
  }

  private SimResponse login(String method, String body) {
    if (method.equals("GET")) {
      return SimResponse.json(200, "{\"oidc_providers\":[],\"login_with_password\":true}");
    }
    if (!method.equals("POST")) {
      return SimResponse.empty(405);
    }
    Optional<JsonNode> parsed = writer.object(body);
    if (parsed.isEmpty()) {
      return SimResponse.empty(400);
    }
    JsonNode req = parsed.get();
    Optional<User> user =
        store.login(req.path("auth").asString(""), req.path("password").asString(""));
    if (user.isEmpty()) {
      return SimResponse.empty(401);
    }
    String session = store.newSession(user.get().id);
    return new SimResponse(
        204, "application/json", "", Map.of("Set-Cookie", "semaphore=" + session + "; Path=/"));
  }

  private SimResponse user(String method, String[] parts, User user) {
    if (parts.length == 1) {
      return get(
          method,
          () ->
              writer
                  .json()
                  .createObjectNode()
                  .put("id", user.id)
                  .put("username", user.username)
                  .put("name", user.name)
                  .put("email", user.username + "@example.org")
                  .put("admin", user.admin)
                  .put("external", false)
                  .put("alert", false)
                  .put("can_create_project", user.admin));
    }
    if (!parts[1].equals("tokens")) {
      return SimResponse.notFoundText();
    }
    if (parts.length == 2) {
      if (method.equals("POST")) {
        return SimResponse.json(
            201, writer.json().writeValueAsString(token(store.createToken(user.id))));
      }
      return get(
          method,
          () -> {
            var a = writer.json().createArrayNode();
            store.tokensOf(user.id).forEach(t -> a.add(token(t)));
            return a;
          });
    }
    if (method.equals("DELETE")) {
      return store.expireToken(parts[2], user.id) ? SimResponse.empty(204) : SimResponse.empty(404);
    }
    return SimResponse.empty(405);
  }

  private ObjectNode token(Token t) {
    return writer
        .json()
        .createObjectNode()
        .put("id", t.id)
        .put("created", ShapeWriter.time(t.created))
        .put("expired", t.expired)
        .put("user_id", t.userId);
  }

  private SimResponse projects(String method, User user, String body) {
    if (method.equals("POST")) {
      if (!user.admin) {
        return SimResponse.empty(401);
      }
      String name;
      try {
        name = writer.json().readTree(body).path("name").asString("");
      } catch (JacksonException e) {
        return SimResponse.empty(400);
      }
      Project p = store.createProject(name, user.id);
      synchronized (store.lock) {
        return SimResponse.json(201, writer.json().writeValueAsString(writer.project(p)));
      }
    }
    return get(
        method,
        () -> {
          List<JsonNode> items = new ArrayList<>();
          store.visibleProjects(user).forEach(p -> items.add(writer.project(p)));
          return writer.list(items, false);
        });
  }

  private SimResponse project(
      String method, String[] parts, String path, String query, String body, User user) {
    if (parts.length < 2) {
      return SimResponse.notFoundText();
    }
    int pid;
    try {
      pid = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      return SimResponse.error(400, "Invalid project ID");
    }
    Optional<Project> maybe = store.project(user, pid);
    if (maybe.isEmpty()) {
      return SimResponse.empty(404);
    }
    Project p = maybe.get();
    if (parts.length == 2) {
      return get(method, () -> writer.project(p));
    }
    String resource = parts[2];
    String id = parts.length > 3 ? parts[3] : null;
    return switch (resource) {
      case "role" ->
          get(
              method,
              () ->
                  writer
                      .json()
                      .createObjectNode()
                      .put("role", store.roleOf(user, p))
                      .put("permissions", 15));
      case "tasks" -> {
        String prefix = "/api/project/" + pid + "/tasks";
        yield tasks.route(method, path.substring(prefix.length()), query, body, user, p);
      }
      case "templates" -> templates(method, parts, query, p);
      case "environment" -> single(method, id, pid * 1000 + 2, () -> writer.environment(pid));
      case "inventory" -> single(method, id, pid * 1000 + 1, () -> writer.inventory(pid));
      case "views" -> single(method, id, pid * 1000 + 4, () -> writer.view(pid));
      default -> SimResponse.notFoundText();
    };
  }

  /** Each project has exactly one environment, inventory and view in the simulator. */
  private SimResponse single(
      String method, String id, int realId, java.util.function.Supplier<ObjectNode> item) {
    if (id == null) {
      return get(method, () -> writer.list(List.of(item.get()), false));
    }
    try {
      return Integer.parseInt(id) == realId ? get(method, item::get) : SimResponse.empty(404);
    } catch (NumberFormatException e) {
      return SimResponse.empty(400);
    }
  }

  private SimResponse templates(String method, String[] parts, String query, Project p) {
    if (parts.length == 3) {
      return get(
          method,
          () -> {
            synchronized (store.lock) {
              List<JsonNode> items = new ArrayList<>();
              for (Template t : store.templates(p.id)) {
                items.add(
                    writer.template(
                        t,
                        false,
                        store.lastTaskOf(t.id),
                        store.tasksOfTemplate(p.id, t.id, 100_000).size()));
              }
              return writer.list(items, false);
            }
          });
    }
    int tid;
    try {
      tid = Integer.parseInt(parts[3]);
    } catch (NumberFormatException e) {
      return SimResponse.empty(400);
    }
    Optional<Template> t = store.template(p.id, tid);
    if (t.isEmpty()) {
      return SimResponse.empty(404);
    }
    if (parts.length == 4) {
      return get(
          method,
          () -> {
            synchronized (store.lock) {
              return writer.template(
                  t.get(),
                  true,
                  store.lastTaskOf(tid),
                  store.tasksOfTemplate(p.id, tid, 100_000).size());
            }
          });
    }
    if (parts[4].equals("tasks")) {
      int limit = parts.length > 5 && parts[5].equals("last") ? 200 : 1000;
      return get(
          method,
          () -> {
            synchronized (store.lock) {
              List<JsonNode> items = new ArrayList<>();
              store.tasksOfTemplate(p.id, tid, limit).forEach(x -> items.add(writer.task(x, t)));
              return writer.list(items, false);
            }
          });
    }
    return SimResponse.notFoundText();
  }
}
