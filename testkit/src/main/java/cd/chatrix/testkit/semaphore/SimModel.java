package cd.chatrix.testkit.semaphore;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's mutable rows. Guarded by the {@link SimStore} lock; never handed out to tests.
 */
final class SimModel {
  private SimModel() {}

  static final class User {
    int id;
    String username;
    String password;
    String name;
    boolean admin;
  }

  static final class Token {
    String id;
    int userId;
    boolean expired;
    OffsetDateTime created;
  }

  static final class Project {
    int id;
    String name;
    OffsetDateTime created;
    final Map<Integer, String> members = new HashMap<>();
  }

  static final class Template {
    int id;
    int projectId;
    TemplateSpec spec;
    int inventoryId;
    int environmentId;
    int repositoryId;
    int viewId;
  }

  static final class Task {
    int id;
    int projectId;
    int templateId;
    String status = "waiting";
    boolean debug;
    boolean dryRun;
    boolean diff;
    String playbook = "";
    String environment = "";
    String limit = "";
    String arguments;
    String gitBranch;
    Integer userId;
    Integer inventoryId;
    String message = "";
    OffsetDateTime created;
    OffsetDateTime start;
    OffsetDateTime end;
    Map<String, Object> params = new HashMap<>();
    // Never rendered: Semaphore keeps the secret field only in the running job's memory.
    AnsibleInputs ansible = new AnsibleInputs(Map.of(), Map.of(), false);
    final List<Output> output = new ArrayList<>();
    volatile boolean released;
    volatile boolean confirmed;
  }

  record Output(long id, OffsetDateTime time, String text) {}
}
