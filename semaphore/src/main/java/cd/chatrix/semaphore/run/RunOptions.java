package cd.chatrix.semaphore.run;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a user asked for when starting a task. Empty lists and maps mean "use the template's
 * defaults".
 *
 * @param vars extra variables (survey answers among them), sent as the task's {@code environment}
 * @param secretVars survey answers of type secret, sent as {@code secret}; never logged
 * @param arguments raw extra command-line arguments, sent as a JSON array string
 */
public record RunOptions(
    String message,
    List<String> tags,
    List<String> skipTags,
    List<String> limit,
    List<String> arguments,
    Optional<String> branch,
    Optional<Integer> inventoryId,
    Map<String, String> vars,
    Map<String, String> secretVars,
    boolean dryRun,
    boolean diff,
    boolean debug) {

  public RunOptions {
    tags = List.copyOf(tags);
    skipTags = List.copyOf(skipTags);
    limit = List.copyOf(limit);
    arguments = List.copyOf(arguments);
    vars = Map.copyOf(vars);
    secretVars = Map.copyOf(secretVars);
  }

  /** No overrides at all, just a message shown in Semaphore's UI. */
  public static RunOptions plain(String message) {
    return new RunOptions(
        message,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Map.of(),
        Map.of(),
        false,
        false,
        false);
  }

  public RunOptions withTags(List<String> tags) {
    return new RunOptions(
        message,
        tags,
        skipTags,
        limit,
        arguments,
        branch,
        inventoryId,
        vars,
        secretVars,
        dryRun,
        diff,
        debug);
  }

  public RunOptions withSkipTags(List<String> skipTags) {
    return new RunOptions(
        message,
        tags,
        skipTags,
        limit,
        arguments,
        branch,
        inventoryId,
        vars,
        secretVars,
        dryRun,
        diff,
        debug);
  }

  public RunOptions withLimit(List<String> limit) {
    return new RunOptions(
        message,
        tags,
        skipTags,
        limit,
        arguments,
        branch,
        inventoryId,
        vars,
        secretVars,
        dryRun,
        diff,
        debug);
  }

  public RunOptions withArguments(List<String> arguments) {
    return new RunOptions(
        message,
        tags,
        skipTags,
        limit,
        arguments,
        branch,
        inventoryId,
        vars,
        secretVars,
        dryRun,
        diff,
        debug);
  }

  public RunOptions withBranch(String branch) {
    return new RunOptions(
        message,
        tags,
        skipTags,
        limit,
        arguments,
        Optional.of(branch),
        inventoryId,
        vars,
        secretVars,
        dryRun,
        diff,
        debug);
  }

  public RunOptions withVars(Map<String, String> vars) {
    return new RunOptions(
        message,
        tags,
        skipTags,
        limit,
        arguments,
        branch,
        inventoryId,
        vars,
        secretVars,
        dryRun,
        diff,
        debug);
  }

  public RunOptions withFlags(boolean dryRun, boolean diff, boolean debug) {
    return new RunOptions(
        message,
        tags,
        skipTags,
        limit,
        arguments,
        branch,
        inventoryId,
        vars,
        secretVars,
        dryRun,
        diff,
        debug);
  }

  @Override
  public String toString() {
    return "RunOptions[message="
        + message
        + ", tags="
        + tags
        + ", skipTags="
        + skipTags
        + ", limit="
        + limit
        + ", arguments="
        + arguments
        + ", branch="
        + branch
        + ", vars="
        + vars.keySet()
        + ", secretVars="
        + secretVars.keySet()
        + ", dryRun="
        + dryRun
        + ", diff="
        + diff
        + ", debug="
        + debug
        + "]";
  }
}
