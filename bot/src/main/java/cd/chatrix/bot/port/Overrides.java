package cd.chatrix.bot.port;

/**
 * Which run options a template lets a task override. The adapter fills this from the server version
 * it talks to (2.10: {@code allow_override_args_in_task} gates arguments, tags and skip-tags; later
 * versions: {@code task_params.allow_*}).
 */
public record Overrides(
    boolean arguments,
    boolean tags,
    boolean skipTags,
    boolean limit,
    boolean branch,
    boolean debug,
    boolean environment) {
  public static final Overrides ALL = new Overrides(true, true, true, true, true, true, true);
  public static final Overrides NONE =
      new Overrides(false, false, false, false, false, false, false);
}
