package cd.chatrix.semaphore.run;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

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
    return with(d -> d.tags = tags);
  }

  public RunOptions withSkipTags(List<String> skipTags) {
    return with(d -> d.skipTags = skipTags);
  }

  public RunOptions withLimit(List<String> limit) {
    return with(d -> d.limit = limit);
  }

  public RunOptions withArguments(List<String> arguments) {
    return with(d -> d.arguments = arguments);
  }

  public RunOptions withBranch(String branch) {
    return with(d -> d.branch = Optional.of(branch));
  }

  public RunOptions withVars(Map<String, String> vars) {
    return with(d -> d.vars = vars);
  }

  public RunOptions withFlags(boolean dryRun, boolean diff, boolean debug) {
    return with(d -> {
      d.dryRun = dryRun;
      d.diff = diff;
      d.debug = debug;
    });
  }

  /** One copy-and-change path, so each {@code with…} names only the part it changes. */
  private RunOptions with(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return draft.build();
  }

  /** A mutable copy of every component, alive only inside {@link #with}. */
  private static final class Draft {
    private final String message;
    private List<String> tags;
    private List<String> skipTags;
    private List<String> limit;
    private List<String> arguments;
    private Optional<String> branch;
    private final Optional<Integer> inventoryId;
    private Map<String, String> vars;
    private final Map<String, String> secretVars;
    private boolean dryRun;
    private boolean diff;
    private boolean debug;

    Draft(RunOptions from) {
      message = from.message;
      tags = from.tags;
      skipTags = from.skipTags;
      limit = from.limit;
      arguments = from.arguments;
      branch = from.branch;
      inventoryId = from.inventoryId;
      vars = from.vars;
      secretVars = from.secretVars;
      dryRun = from.dryRun;
      diff = from.diff;
      debug = from.debug;
    }

    RunOptions build() {
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
