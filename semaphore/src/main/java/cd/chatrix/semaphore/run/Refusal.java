package cd.chatrix.semaphore.run;

/**
 * One requested option the template does not allow, with a reason a chat user can act on.
 *
 * @param option the option's name as the user knows it (tags, skip-tags, limit, args, branch, …)
 */
public record Refusal(String option, String reason) {}
