package cd.chatrix.semaphore;

import cd.chatrix.semaphore.HttpTransport.Target;
import cd.chatrix.semaphore.model.Decode;
import cd.chatrix.semaphore.model.Environment;
import cd.chatrix.semaphore.model.Inventory;
import cd.chatrix.semaphore.model.Project;
import cd.chatrix.semaphore.model.ServerInfo;
import cd.chatrix.semaphore.model.Task;
import cd.chatrix.semaphore.model.TaskOutputLine;
import cd.chatrix.semaphore.model.Template;
import cd.chatrix.semaphore.model.View;
import cd.chatrix.semaphore.run.OverrideValidator;
import cd.chatrix.semaphore.run.Refusal;
import cd.chatrix.semaphore.run.RunOptions;
import cd.chatrix.semaphore.run.StartBody;
import cd.chatrix.semaphore.run.StartResult;
import cd.chatrix.tls.DeferredTls;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Blocking client for the Semaphore REST API. Thread-safe; call it from virtual threads. Every
 * failure is a {@link SemaphoreException} whose message tells the user what to do.
 */
public final class SemaphoreClient implements AutoCloseable {
  private final SemaphoreSettings settings;
  private final HttpTransport transport;
  private volatile String token;
  private volatile Optional<SeenInfo> lastInfo = Optional.empty();

  private SemaphoreClient(SemaphoreSettings settings, RequestListener listener) {
    this.settings = settings;
    HttpClient.Builder http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(Executors.newVirtualThreadPerTaskExecutor());
    // The default TLS set-up only once an https URL is used: none for a plain http Semaphore.
    http.sslContext(
        settings.tls().isDefault() ? DeferredTls.context() : SslContexts.build(settings.tls()));
    this.transport =
        new HttpTransport(
            http.build(),
            settings,
            JsonMapper.builder().build(),
            () -> Optional.ofNullable(token).map(t -> "Bearer " + t),
            listener);
    if (settings.credentials() instanceof Credentials.ApiToken(String t)) {
      this.token = t;
    }
  }

  /**
   * Builds a client. With {@link Credentials.Password} this logs in and creates an API token right
   * away (one network round trip), so a wrong password fails here rather than on first use.
   */
  public static SemaphoreClient create(SemaphoreSettings settings) {
    return create(settings, RequestListener.NONE);
  }

  /**
   * The same, with {@code listener} told about every API request (for metrics and health); the
   * password login's own requests are not reported.
   */
  public static SemaphoreClient create(SemaphoreSettings settings, RequestListener listener) {
    SemaphoreClient client =
        new SemaphoreClient(settings, java.util.Objects.requireNonNull(listener, "listener"));
    if (settings.credentials() instanceof Credentials.Password password) {
      try {
        client.token = new PasswordLogin(client.transport, settings).createToken(password);
      } catch (RuntimeException e) {
        client.close();
        throw e;
      }
    }
    return client;
  }

  public SemaphoreSettings settings() {
    return settings;
  }

  /**
   * The token in use; after a password login the app may store it so later starts need no password.
   */
  public Credentials.ApiToken apiToken() {
    return new Credentials.ApiToken(token);
  }

  HttpClient http() {
    return transport.http();
  }

  /**
   * Opens Semaphore's {@code /api/ws} push socket with the client's credentials and TLS settings.
   * Most callers want {@link cd.chatrix.semaphore.watch.PushListener}, which adds reconnects.
   */
  public CompletableFuture<WebSocket> connectPush(WebSocket.Listener listener) {
    return http()
        .newWebSocketBuilder()
        .header("Authorization", "Bearer " + token)
        .connectTimeout(settings.connectTimeout())
        .buildAsync(settings.pushUri(), listener);
  }

  /** {@code GET /api/ping}; throws when Semaphore does not answer "pong". */
  public void ping() {
    transport.ping(Target.of("the ping endpoint"));
  }

  public ServerInfo info() {
    ServerInfo info = Decode.info(transport.get("/info", Target.of("server information")));
    lastInfo = Optional.of(new SeenInfo(info, System.nanoTime()));
    return info;
  }

  /** The server information as last read by anyone, and when (System.nanoTime). */
  public record SeenInfo(ServerInfo info, long atNanos) {}

  /**
   * The last {@link #info()} answer: a periodic probe keeps it fresh, so callers that care about
   * the server's version can follow an in-place upgrade without asking again.
   */
  public Optional<SeenInfo> lastInfo() {
    return lastInfo;
  }

  /**
   * How many times Semaphore has come back after failing. A change means it may have been
   * restarted, and upgraded: caches of what it is should be renewed.
   */
  public long recoveries() {
    return transport.outages().recoveries();
  }

  public List<Project> projects() {
    return list(transport.get("/projects", Target.of("project list")), Decode::project);
  }

  public Project project(int projectId) {
    return Decode.project(
        transport.get("/project/" + projectId, Target.of(projectName(projectId))));
  }

  public List<Template> templates(int projectId) {
    return projectList(projectId, "/templates", "template list of ", Decode::template);
  }

  /** One template; unlike the list, this includes its survey variables on every server version. */
  public Template template(int projectId, int templateId) {
    return Decode.template(
        transport.get(
            "/project/" + projectId + "/templates/" + templateId,
            Target.of("template " + templateId + " in " + projectName(projectId))));
  }

  public List<Environment> environments(int projectId) {
    return projectList(projectId, "/environment", "environments of ", Decode::environment);
  }

  public List<Inventory> inventories(int projectId) {
    return projectList(projectId, "/inventory", "inventories of ", Decode::inventory);
  }

  public List<View> views(int projectId) {
    return projectList(projectId, "/views", "views of ", Decode::view);
  }

  /** Newest first, at most 1000 (Semaphore's cap). */
  public List<Task> tasks(int projectId) {
    return projectList(projectId, "/tasks", "task list of ", Decode::task);
  }

  /** The newest {@code limit} tasks (1..200; Semaphore treats anything else as 200). */
  public List<Task> lastTasks(int projectId, int limit) {
    int bounded = Math.max(1, Math.min(200, limit));
    return projectList(projectId, "/tasks/last?limit=" + bounded, "recent tasks of ", Decode::task);
  }

  public Task task(int projectId, int taskId) {
    return Decode.task(
        transport.get(
            "/project/" + projectId + "/tasks/" + taskId, Target.task(projectId, taskId)));
  }

  /** The whole output of a task, oldest line first. */
  public List<TaskOutputLine> output(int projectId, int taskId) {
    return list(
        transport.get(
            "/project/" + projectId + "/tasks/" + taskId + "/output",
            Target.task(projectId, taskId)),
        Decode::outputLine);
  }

  /** Only the lines after {@code cursor}. */
  public OutputChunk outputSince(OutputCursor cursor) {
    List<TaskOutputLine> all = output(cursor.projectId(), cursor.taskId());
    List<TaskOutputLine> fresh = new ArrayList<>();
    boolean ids = !all.isEmpty() && all.stream().allMatch(l -> l.id().isPresent());
    if (ids && cursor.lastId().isPresent()) {
      long last = cursor.lastId().get();
      all.stream().filter(l -> l.id().get() > last).forEach(fresh::add);
    } else if (cursor.seen() < all.size()) {
      fresh.addAll(all.subList(cursor.seen(), all.size()));
    }
    Optional<Long> lastId = ids ? all.getLast().id() : cursor.lastId();
    return new OutputChunk(
        fresh, new OutputCursor(cursor.projectId(), cursor.taskId(), all.size(), lastId));
  }

  /**
   * Checks {@code options} against the template and starts a task only if nothing is refused. A
   * refusal sends nothing to Semaphore.
   */
  public StartResult startTask(Template template, RunOptions options) {
    List<Refusal> refusals = OverrideValidator.check(template, options);
    if (!refusals.isEmpty()) {
      return new StartResult.Refused(refusals);
    }
    HttpResponse<String> response =
        transport.send(
            "POST",
            "/project/" + template.projectId() + "/tasks",
            Optional.of(StartBody.build(transport.json(), template, options)),
            Target.of(
                "start of template " + template.id() + " in " + projectName(template.projectId())));
    return new StartResult.Started(Decode.task(transport.parse(response.body())));
  }

  /**
   * Stops a task. {@code force} ends it at once as {@code stopped}; without force Semaphore asks
   * the run to end and a running task usually finishes as {@code error}. Stopping a finished task
   * relabels it {@code stopped}.
   */
  public void stop(int projectId, int taskId, boolean force) {
    var body = transport.json().createObjectNode().put("force", force);
    // An empty body makes Semaphore answer 400, so a JSON body is always sent.
    transport.send(
        "POST",
        "/project/" + projectId + "/tasks/" + taskId + "/stop",
        Optional.of(body),
        Target.task(projectId, taskId));
  }

  /** Confirms a task in {@code waiting_confirmation} (e.g. a Terraform apply after its plan). */
  public void confirm(int projectId, int taskId) {
    transport.send(
        "POST",
        "/project/" + projectId + "/tasks/" + taskId + "/confirm",
        Optional.of(transport.json().createObjectNode()),
        Target.taskAction(
            projectId,
            taskId,
            "it is not waiting for confirmation any more, or it does not exist; check its status"));
  }

  private static String projectName(int projectId) {
    return "project " + projectId;
  }

  /** A list below one project; {@code what} starts the target's name, the project's ends it. */
  private <T> List<T> projectList(
      int projectId, String path, String what, java.util.function.Function<JsonNode, T> item) {
    return list(
        transport.get("/project/" + projectId + path, Target.of(what + projectName(projectId))),
        item);
  }

  private static <T> List<T> list(JsonNode array, java.util.function.Function<JsonNode, T> item) {
    if (array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw new SemaphoreException.ServerError(
          200,
          "Semaphore sent an object where a list was expected; is the URL pointing at Semaphore?");
    }
    List<T> out = new ArrayList<>(array.size());
    array.forEach(n -> out.add(item.apply(n)));
    return List.copyOf(out);
  }

  @Override
  public void close() {
    transport.close();
  }
}
