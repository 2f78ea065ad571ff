package cd.chatrix.semaphore.model;

import java.util.List;

/**
 * What a template lets a task override. On 2.10 the only server-side gate is {@code
 * allow_override_args_in_task} (tags and skip-tags travel as arguments there); 2.12+ adds {@code
 * task_params.allow_*} flags. Limit, debug, dry-run, diff and survey variables are never gated by
 * 2.10, which is reflected by {@link #gated()} false.
 *
 * @param gated true when the server sent {@code task_params} (2.12+ semantics apply)
 */
public record TemplateOverrides(
    boolean gated,
    boolean arguments,
    boolean tags,
    boolean skipTags,
    boolean limit,
    boolean inventory,
    boolean debug,
    boolean branch,
    List<String> defaultTags,
    List<String> defaultSkipTags,
    List<String> defaultLimit) {

  public TemplateOverrides {
    defaultTags = List.copyOf(defaultTags);
    defaultSkipTags = List.copyOf(defaultSkipTags);
    defaultLimit = List.copyOf(defaultLimit);
  }

  /** The 2.10 meaning: only {@code arguments} (and with it tags/skip-tags) is gated. */
  public static TemplateOverrides legacy(boolean allowArgs) {
    return new TemplateOverrides(
        false, allowArgs, allowArgs, allowArgs, true, true, true, true, List.of(), List.of(),
        List.of());
  }
}
