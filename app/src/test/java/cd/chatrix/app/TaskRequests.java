package cd.chatrix.app;

import cd.chatrix.bot.port.SecretVars;
import cd.chatrix.bot.port.TaskRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link TaskRequest} for a test, built from what the test sets: everything else as a plain
 * {@code !cd run} leaves it (no tags, limits, arguments, branch, variables, flags or message).
 */
public final class TaskRequests {
  private final long templateId;
  private List<String> tags = List.of();
  private List<String> skipTags = List.of();
  private List<String> limit = List.of();
  private List<String> arguments = List.of();
  private String branch; // none unless set
  private Map<String, String> environment = Map.of();
  private boolean dryRun;
  private boolean diff;
  private boolean debug;
  private String message = "";

  private TaskRequests(long templateId) {
    this.templateId = templateId;
  }

  /** A request to run {@code templateId}, nothing else set yet. */
  public static TaskRequests template(long templateId) {
    return new TaskRequests(templateId);
  }

  public TaskRequests tags(String... values) {
    tags = List.of(values);
    return this;
  }

  public TaskRequests skipTags(String... values) {
    skipTags = List.of(values);
    return this;
  }

  public TaskRequests limit(String... hosts) {
    limit = List.of(hosts);
    return this;
  }

  public TaskRequests arguments(String... values) {
    arguments = List.of(values);
    return this;
  }

  public TaskRequests branch(String name) {
    branch = name;
    return this;
  }

  public TaskRequests environment(Map<String, String> variables) {
    environment = variables;
    return this;
  }

  public TaskRequests dryRun() {
    dryRun = true;
    return this;
  }

  public TaskRequests diff() {
    diff = true;
    return this;
  }

  public TaskRequests debug() {
    debug = true;
    return this;
  }

  public TaskRequests message(String text) {
    message = text;
    return this;
  }

  public TaskRequest build() {
    return new TaskRequest(
        templateId,
        tags,
        skipTags,
        limit,
        arguments,
        Optional.ofNullable(branch),
        environment,
        dryRun,
        diff,
        debug,
        message,
        SecretVars.NONE);
  }
}
