package cd.chatrix.bot.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a chat user asked for when starting a task. {@code arguments} is already split into a
 * proper list (the adapter encodes it as Semaphore's JSON-array string); {@code environment} holds
 * survey answers and extra variables; {@code secrets} the answers to {@code secret} survey
 * variables, which are shown masked everywhere and sent to Semaphore only in the task's {@code
 * secret} field.
 */
public record TaskRequest(
    long templateId,
    List<String> tags,
    List<String> skipTags,
    List<String> limit,
    List<String> arguments,
    Optional<String> branch,
    Map<String, String> environment,
    boolean dryRun,
    boolean diff,
    boolean debug,
    String message,
    SecretVars secrets) {
  public TaskRequest {
    tags = List.copyOf(tags);
    skipTags = List.copyOf(skipTags);
    limit = List.copyOf(limit);
    arguments = List.copyOf(arguments);
    branch = branch == null ? Optional.empty() : branch;
    environment = Map.copyOf(environment);
    message = message == null ? "" : message;
    secrets = secrets == null ? SecretVars.NONE : secrets;
  }

  /** The same request with other secrets, e.g. the values a store did not keep put back. */
  public TaskRequest withSecrets(SecretVars newSecrets) {
    return with(environment, newSecrets);
  }

  /** The same request with another environment, e.g. once the survey is filled in. */
  public TaskRequest withEnvironment(Map<String, String> newEnvironment) {
    return with(newEnvironment, secrets);
  }

  private TaskRequest with(Map<String, String> newEnvironment, SecretVars newSecrets) {
    return new TaskRequest(
        templateId,
        tags,
        skipTags,
        limit,
        arguments,
        branch,
        newEnvironment,
        dryRun,
        diff,
        debug,
        message,
        newSecrets);
  }

  public static TaskRequest plain(long templateId) {
    return new TaskRequest(
        templateId,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        Optional.empty(),
        Map.of(),
        false,
        false,
        false,
        "",
        SecretVars.NONE);
  }

  /** A one-line human summary of the options, empty when none were given. */
  public String describeOptions() {
    return String.join(" · ", optionParts());
  }

  /** The options one by one as {@link #describeOptions} shows them, e.g. {@code tags=a,b}. */
  public List<String> optionParts() {
    var parts = new java.util.ArrayList<String>();
    if (!tags.isEmpty()) parts.add("tags=" + String.join(",", tags));
    if (!skipTags.isEmpty()) parts.add("skip-tags=" + String.join(",", skipTags));
    if (!limit.isEmpty()) parts.add("limit=" + String.join(",", limit));
    if (!arguments.isEmpty()) parts.add("args=" + String.join(" ", arguments));
    branch.ifPresent(b -> parts.add("branch=" + b));
    var env = new java.util.TreeMap<String, String>(environment);
    secrets.names().forEach(name -> env.put(name, SecretVars.MASK));
    env.forEach((k, v) -> parts.add("env " + k + "=" + v));
    if (dryRun) parts.add("dry-run");
    if (diff) parts.add("diff");
    if (debug) parts.add("debug");
    return List.copyOf(parts);
  }

  /** The record's generated text, with secret values masked like {@link #optionParts}. */
  @Override
  public String toString() {
    return "TaskRequest[template="
        + templateId
        + ", "
        + describeOptions()
        + (message.isEmpty() ? "" : ", message=" + message)
        + "]";
  }
}
