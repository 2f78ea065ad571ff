package cd.chatrix.testkit.semaphore;

import cd.chatrix.testkit.semaphore.SimModel.Task;
import cd.chatrix.testkit.semaphore.SimModel.Template;
import cd.chatrix.testkit.semaphore.SimModel.User;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.json.JsonMapper;

/**
 * An in-process Semaphore UI for tests. One public port on 127.0.0.1 serves both the REST API (JDK
 * HttpServer behind a small front, see {@link FrontDoor}) and the {@code /api/ws} websocket, so a
 * client needs only {@link #baseUri()}. An admin user with an API token exists from the start.
 *
 * <pre>{@code
 * try (var sim = SemaphoreSimulator.start(Shape.V2_10)) {
 *   int project = sim.createProject("infra");
 *   int template = sim.createTemplate(project, TemplateSpec.ansible("deploy"));
 *   // point the client at sim.baseUri() with sim.adminToken()
 * }
 * }</pre>
 */
public final class SemaphoreSimulator implements AutoCloseable {
  private final ShapeWriter writer;
  private final WsHub hub = new WsHub();
  private final AlertSender alerts = new AlertSender();
  private final SimStore store;
  private final ScriptRunner runner;
  private final Faults faults = new Faults(hub::dropAll);
  private final RequestLog log = new RequestLog();
  private final HttpServer http;
  private final ExecutorService httpExecutor = Executors.newVirtualThreadPerTaskExecutor();
  private final FrontDoor front;
  private final User admin;
  private final String adminToken;

  private SemaphoreSimulator(Shape shape) throws IOException {
    this.writer = new ShapeWriter(JsonMapper.builder().build(), shape);
    this.store = new SimStore(hub, writer, alerts);
    this.runner = new ScriptRunner(store, Duration.ofMillis(20));
    this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    http.setExecutor(httpExecutor);
    http.createContext(
        "/", new SimApi(store, writer, new TaskRoutes(store, writer, runner), faults, log));
    http.start();
    this.front = new FrontDoor(http.getAddress().getPort(), store, hub, faults, log);
    this.admin = store.addUser("admin", "admin-password", true);
    this.adminToken = store.createToken(admin.id).id;
  }

  /** Starts a simulator in the 2.10 shape. */
  public static SemaphoreSimulator start() {
    return start(Shape.V2_10);
  }

  public static SemaphoreSimulator start(Shape shape) {
    try {
      return new SemaphoreSimulator(shape);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not open the simulator's sockets on 127.0.0.1", e);
    }
  }

  /** The web address, e.g. {@code http://127.0.0.1:40123}; the API is under {@code /api}. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + front.port());
  }

  public String adminToken() {
    return adminToken;
  }

  public int adminUserId() {
    return admin.id;
  }

  public Shape shape() {
    return writer.shape();
  }

  /** Switches the JSON shape of every later response. */
  public void shape(Shape shape) {
    writer.shape(shape);
  }

  /**
   * Stops the server process: the port stops listening, every connection (websockets included) is
   * cut, and runs pause, since nothing reaches the database while the server is down. The store is
   * kept, as a real Semaphore keeps its database. Runs carry on after {@link #startServing}, as
   * they do on Semaphore's remote runners; a local runner's task would instead stay "running" for
   * good (semaphoreui/semaphore issues 1376, 1385, 3287), which {@link #setStatus} can imitate.
   */
  public void stopServing() {
    runner.paused(true);
    front.stopListening();
    hub.dropAll();
  }

  /** Starts serving again on the same port after {@link #stopServing}. */
  public void startServing() {
    try {
      front.startListening();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not listen on port " + front.port() + " again", e);
    }
    runner.paused(false);
  }

  /** {@link #stopServing}, {@code down} of silence, then {@link #startServing}. */
  public void restart(Duration down) {
    stopServing();
    try {
      Thread.sleep(down);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      startServing();
    }
  }

  /** Whether the port is listening (false between {@link #stopServing} and its restart). */
  public boolean serving() {
    return front.listening();
  }

  /** Delay between the steps of scripted runs (20 ms by default). */
  public void stepDelay(Duration delay) {
    runner.stepDelay(delay);
  }

  public Faults faults() {
    return faults;
  }

  public RequestLog requests() {
    return log;
  }

  /** A project owned by the admin user, with one inventory, environment and view. */
  public int createProject(String name) {
    return store.createProject(name, admin.id).id;
  }

  public int createTemplate(int projectId, TemplateSpec spec) {
    return store.createTemplate(projectId, spec).id;
  }

  /** A user with a password and a fresh API token. */
  public SimUser addUser(String username, String password, boolean admin) {
    User u = store.addUser(username, password, admin);
    return new SimUser(u.id, username, store.createToken(u.id).id);
  }

  /** Adds a project member; role is owner, manager, task_runner or guest. */
  public void addMember(int projectId, int userId, String role) {
    store.addMember(projectId, userId, role);
  }

  public String createToken(int userId) {
    return store.createToken(userId).id;
  }

  /**
   * Expires a token, as {@code DELETE /api/user/tokens/{id}} does: later requests with it get 401.
   */
  public void revokeToken(String token) {
    store.revokeToken(token);
  }

  /** Starts a task server-side (as a schedule would) and plays the template's script. */
  public int startTask(int projectId, int templateId) {
    Template t =
        store.template(projectId, templateId).orElseThrow(() -> missing("template", templateId));
    Task task = store.addTask(projectId, t, null);
    runner.start(task, t.spec.script());
    return task.id;
  }

  /**
   * Creates {@code count} tasks directly in {@code status}, without scripts or websocket traffic.
   */
  public List<Integer> seedTasks(int projectId, int templateId, int count, String status) {
    Template t =
        store.template(projectId, templateId).orElseThrow(() -> missing("template", templateId));
    List<Integer> ids = new ArrayList<>(count);
    synchronized (store.lock) {
      for (int i = 0; i < count; i++) {
        Task task = store.addTask(projectId, t, admin.id, false);
        store.setStatusQuietly(task, status);
        ids.add(task.id);
      }
    }
    return ids;
  }

  /** Changes a task's status as the server would (guards apply) and notifies websocket clients. */
  public boolean setStatus(int taskId, String status) {
    return store.setStatus(task(taskId), status);
  }

  public String status(int taskId) {
    synchronized (store.lock) {
      return task(taskId).status;
    }
  }

  /** What task {@code taskId} handed to ansible: extra vars and secrets, apart. */
  public AnsibleInputs ansibleInputs(int taskId) {
    synchronized (store.lock) {
      return task(taskId).ansible;
    }
  }

  public void appendOutput(int taskId, String... lines) {
    store.append(task(taskId), List.of(lines));
  }

  /**
   * Removes a task whatever its status, as an admin stopping and deleting it between two polls of a
   * client would (the REST route itself refuses active tasks).
   */
  public void deleteTask(int taskId) {
    Task t = task(taskId);
    synchronized (store.lock) {
      store.setStatusQuietly(t, "stopped");
      store.removeTask(t);
    }
  }

  /**
   * Sends Semaphore's Slack-format chat alerts to {@code url} (success, error,
   * waiting_confirmation), as a server with {@code slack_alert} and a project with {@code
   * alert=true} would. Empty turns them off.
   */
  public void slackAlerts(Optional<URI> url) {
    alerts.slackUrl(url);
  }

  /** Marks a template {@code suppress_success_alerts}. */
  public void suppressSuccessAlerts(int templateId) {
    alerts.suppressSuccess(templateId);
  }

  /** Lets a {@link RunScript#longRunning()} task finish. */
  public void release(int taskId) {
    task(taskId).released = true;
  }

  /** Closes every websocket without a close frame. */
  public void dropWebsockets() {
    hub.dropAll();
  }

  public int websocketCount() {
    return hub.connectionCount();
  }

  private Task task(int taskId) {
    return store.task(taskId).orElseThrow(() -> missing("task", taskId));
  }

  private static NoSuchElementException missing(String what, int id) {
    return new NoSuchElementException("The simulator has no " + what + " " + id);
  }

  @Override
  public void close() {
    try {
      front.close();
    } catch (IOException e) {
      // Closing a listening socket only fails if it is already closed.
    }
    hub.close();
    runner.close();
    alerts.close();
    http.stop(0);
    httpExecutor.shutdownNow();
  }

  /** A user created by {@link #addUser}. The token is a secret; toString() hides it. */
  public record SimUser(int id, String username, String token) {
    @Override
    public String toString() {
      return "SimUser[id=" + id + ", username=" + username + ", token=<redacted>]";
    }
  }
}
