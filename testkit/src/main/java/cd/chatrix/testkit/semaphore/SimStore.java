package cd.chatrix.testkit.semaphore;

import cd.chatrix.testkit.semaphore.SimModel.Output;
import cd.chatrix.testkit.semaphore.SimModel.Project;
import cd.chatrix.testkit.semaphore.SimModel.Task;
import cd.chatrix.testkit.semaphore.SimModel.Template;
import cd.chatrix.testkit.semaphore.SimModel.Token;
import cd.chatrix.testkit.semaphore.SimModel.User;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * All simulator state behind one lock, with Semaphore's task state machine (reference §3.3) and its
 * websocket notifications. Rows are only read while holding the lock.
 */
final class SimStore {
  private static final Set<String> FINISHED = Set.of("stopped", "success", "error");
  private static final Set<String> ACTIVE =
      Set.of("waiting", "starting", "running", "waiting_confirmation", "confirmed", "stopping");

  final Object lock = new Object();
  private final SecureRandom random = new SecureRandom();
  private final AtomicInteger ids = new AtomicInteger(1);
  private final AtomicInteger taskIds = new AtomicInteger(1);
  private final AtomicLong outputIds = new AtomicLong(1);
  private final Map<Integer, User> users = new HashMap<>();
  private final Map<String, Token> tokens = new HashMap<>();
  private final Map<String, Integer> sessions = new HashMap<>();
  private final Map<Integer, Project> projects = new TreeMap<>();
  private final Map<Integer, Template> templates = new HashMap<>();
  private final Map<Integer, Task> tasks = new HashMap<>();
  private final Map<Integer, TreeMap<Integer, Task>> tasksByProject = new HashMap<>();
  private final WsHub hub;
  private final ShapeWriter writer;
  private final AlertSender alerts;

  SimStore(WsHub hub, ShapeWriter writer, AlertSender alerts) {
    this.hub = hub;
    this.writer = writer;
    this.alerts = alerts;
  }

  static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }

  // ---- users, tokens, sessions

  User addUser(String username, String password, boolean admin) {
    synchronized (lock) {
      User u = new User();
      u.id = ids.getAndIncrement();
      u.username = username.toLowerCase(Locale.ROOT);
      u.password = password;
      u.name = username;
      u.admin = admin;
      users.put(u.id, u);
      return u;
    }
  }

  Token createToken(int userId) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    Token t = new Token();
    t.id = Base64.getUrlEncoder().encodeToString(bytes).toLowerCase(Locale.ROOT);
    t.userId = userId;
    t.created = now();
    synchronized (lock) {
      tokens.put(t.id, t);
    }
    return t;
  }

  List<Token> tokensOf(int userId) {
    synchronized (lock) {
      return tokens.values().stream().filter(t -> t.userId == userId).toList();
    }
  }

  boolean expireToken(String id, int userId) {
    synchronized (lock) {
      Token t = tokens.get(id.toLowerCase(Locale.ROOT));
      if (t == null || t.userId != userId) {
        return false;
      }
      t.expired = true;
      return true;
    }
  }

  void revokeToken(String id) {
    synchronized (lock) {
      Token t = tokens.get(id.toLowerCase(Locale.ROOT));
      if (t != null) {
        t.expired = true;
      }
    }
  }

  Optional<User> login(String auth, String password) {
    synchronized (lock) {
      String name = auth.toLowerCase(Locale.ROOT);
      return users.values().stream()
          .filter(u -> u.username.equals(name) && u.password.equals(password))
          .findFirst();
    }
  }

  String newSession(int userId) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    synchronized (lock) {
      sessions.put(id, userId);
    }
    return id;
  }

  /**
   * Semaphore lower-cases the whole header, strips "bearer " and looks the rest up; else it tries
   * the cookie.
   */
  Optional<User> authenticate(String authorization, String cookieHeader) {
    synchronized (lock) {
      if (authorization != null) {
        String h = authorization.toLowerCase(Locale.ROOT);
        if (h.contains("bearer")) {
          Token t = tokens.get(h.replaceFirst("bearer ", "").trim());
          return t == null || t.expired
              ? Optional.empty()
              : Optional.ofNullable(users.get(t.userId));
        }
      }
      if (cookieHeader != null) {
        for (String part : cookieHeader.split(";")) {
          String p = part.trim();
          if (p.startsWith("semaphore=")) {
            Integer uid = sessions.get(p.substring("semaphore=".length()));
            return uid == null ? Optional.empty() : Optional.ofNullable(users.get(uid));
          }
        }
      }
      return Optional.empty();
    }
  }

  // ---- projects and templates

  Project createProject(String name, int ownerId) {
    synchronized (lock) {
      Project p = new Project();
      p.id = ids.getAndIncrement();
      p.name = name;
      p.created = now();
      p.members.put(ownerId, "owner");
      projects.put(p.id, p);
      tasksByProject.put(p.id, new TreeMap<>(Comparator.reverseOrder()));
      return p;
    }
  }

  void addMember(int projectId, int userId, String role) {
    synchronized (lock) {
      projects.get(projectId).members.put(userId, role);
    }
  }

  List<Project> visibleProjects(User user) {
    synchronized (lock) {
      return projects.values().stream()
          .filter(p -> user.admin || p.members.containsKey(user.id))
          .toList();
    }
  }

  /** Empty when it does not exist or the user may not see it (Semaphore answers 404 for both). */
  Optional<Project> project(User user, int projectId) {
    synchronized (lock) {
      Project p = projects.get(projectId);
      return p != null && (user.admin || p.members.containsKey(user.id))
          ? Optional.of(p)
          : Optional.empty();
    }
  }

  Template createTemplate(int projectId, TemplateSpec spec) {
    synchronized (lock) {
      Template t = new Template();
      t.id = ids.getAndIncrement();
      t.projectId = projectId;
      t.spec = spec;
      t.inventoryId = projectId * 1000 + 1;
      t.environmentId = projectId * 1000 + 2;
      t.repositoryId = projectId * 1000 + 3;
      t.viewId = projectId * 1000 + 4;
      templates.put(t.id, t);
      return t;
    }
  }

  List<Template> templates(int projectId) {
    synchronized (lock) {
      return templates.values().stream()
          .filter(t -> t.projectId == projectId)
          .sorted(Comparator.comparing(t -> t.spec.name()))
          .toList();
    }
  }

  Optional<Template> template(int projectId, int templateId) {
    synchronized (lock) {
      Template t = templates.get(templateId);
      return t != null && t.projectId == projectId ? Optional.of(t) : Optional.empty();
    }
  }

  // ---- tasks

  Task addTask(int projectId, Template template, Integer userId) {
    return addTask(projectId, template, userId, true);
  }

  /** Queues a task; {@code notify} false skips the websocket messages (bulk fixtures). */
  Task addTask(int projectId, Template template, Integer userId, boolean notify) {
    synchronized (lock) {
      Task t = new Task();
      t.id = taskIds.getAndIncrement();
      t.projectId = projectId;
      t.templateId = template.id;
      t.userId = userId;
      t.created = now();
      tasks.put(t.id, t);
      tasksByProject.get(projectId).put(t.id, t);
      String queued = "Task " + t.id + " added to queue";
      if (notify) {
        appendLocked(t, List.of(queued));
        broadcastUpdate(t);
      } else {
        t.output.add(new Output(outputIds.getAndIncrement(), t.created, queued));
      }
      return t;
    }
  }

  /** The newest-first list of a project's tasks, at most {@code limit}. */
  List<Task> tasks(int projectId, int limit) {
    synchronized (lock) {
      return tasksByProject.getOrDefault(projectId, new TreeMap<>()).values().stream()
          .limit(limit)
          .toList();
    }
  }

  List<Task> tasksOfTemplate(int projectId, int templateId, int limit) {
    synchronized (lock) {
      return tasksByProject.getOrDefault(projectId, new TreeMap<>()).values().stream()
          .filter(t -> t.templateId == templateId)
          .limit(limit)
          .toList();
    }
  }

  Optional<Task> task(int projectId, int taskId) {
    synchronized (lock) {
      Task t = tasks.get(taskId);
      return t != null && t.projectId == projectId ? Optional.of(t) : Optional.empty();
    }
  }

  Optional<Task> task(int taskId) {
    synchronized (lock) {
      return Optional.ofNullable(tasks.get(taskId));
    }
  }

  Optional<Task> lastTaskOf(int templateId) {
    synchronized (lock) {
      return tasks.values().stream()
          .filter(t -> t.templateId == templateId)
          .max(Comparator.comparingInt(t -> t.id));
    }
  }

  boolean removeTask(Task t) {
    synchronized (lock) {
      if (ACTIVE.contains(t.status)) {
        return false;
      }
      tasks.remove(t.id);
      tasksByProject.get(t.projectId).remove(t.id);
      return true;
    }
  }

  static boolean isActive(Task t) {
    return ACTIVE.contains(t.status);
  }

  static boolean isFinished(String status) {
    return FINISHED.contains(status);
  }

  /**
   * Semaphore's SetStatus guards; returns whether the status changed. Emits the websocket
   * update(s).
   */
  boolean setStatus(Task t, String status) {
    synchronized (lock) {
      String from = t.status;
      if (from.equals(status)
          || from.equals("stopped")
          || (from.equals("confirmed") && status.equals("waiting_confirmation"))
          || (from.equals("running") && status.equals("waiting"))
          || (from.equals("stopping") && (status.equals("waiting") || status.equals("running")))) {
        return false;
      }
      t.status = status;
      if (status.equals("running")) {
        t.start = now();
      }
      broadcastUpdate(t);
      Template tpl = templates.get(t.templateId);
      alerts.statusChanged(t, tpl == null ? "" : tpl.spec.name(), "http://semaphore.local");
      if (FINISHED.contains(status)) {
        t.end = now();
        // Semaphore sends one more update carrying "end" after the run goroutine exits.
        broadcastUpdate(t);
      }
      return true;
    }
  }

  /** Status change without websocket traffic, for seeding large benchmark fixtures. */
  void setStatusQuietly(Task t, String status) {
    synchronized (lock) {
      t.status = status;
      if (status.equals("running")) {
        t.start = now();
      }
    }
  }

  void append(Task t, List<String> lines) {
    synchronized (lock) {
      appendLocked(t, lines);
    }
  }

  List<Output> output(Task t) {
    synchronized (lock) {
      return new ArrayList<>(t.output);
    }
  }

  private void appendLocked(Task t, List<String> lines) {
    for (String line : lines) {
      Output o = new Output(outputIds.getAndIncrement(), now(), line);
      t.output.add(o);
      hub.broadcast(audience(t.projectId), writer.wsLog(t, o));
    }
  }

  private void broadcastUpdate(Task t) {
    hub.broadcast(audience(t.projectId), writer.wsUpdate(t));
  }

  /** Project members plus every admin (reference §4.1). */
  private Set<Integer> audience(int projectId) {
    Project p = projects.get(projectId);
    java.util.HashSet<Integer> out =
        new java.util.HashSet<>(p == null ? Set.of() : p.members.keySet());
    users.values().stream().filter(u -> u.admin).forEach(u -> out.add(u.id));
    return out;
  }

  String roleOf(User user, Project p) {
    synchronized (lock) {
      return user.admin
          ? p.members.getOrDefault(user.id, "owner")
          : p.members.getOrDefault(user.id, "guest");
    }
  }
}
