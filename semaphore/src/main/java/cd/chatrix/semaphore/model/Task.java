package cd.chatrix.semaphore.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A task (one run of a template). List endpoints add template fields ({@code templateName} from
 * {@code tpl_alias}); single-task GET leaves them empty. On 2.12+ the Ansible options live in
 * {@code params}; they are folded into {@code tags}, {@code skipTags} and {@code limit} here so
 * callers need not care.
 */
public record Task(
    int id,
    int templateId,
    int projectId,
    TaskStatus status,
    boolean debug,
    boolean dryRun,
    boolean diff,
    String playbook,
    String environment,
    List<String> limit,
    List<String> tags,
    List<String> skipTags,
    Optional<String> arguments,
    Optional<String> gitBranch,
    Optional<Integer> userId,
    Optional<String> userName,
    Optional<Instant> created,
    Optional<Instant> start,
    Optional<Instant> end,
    String message,
    Optional<String> commitHash,
    Optional<String> version,
    Optional<Integer> inventoryId,
    Optional<String> templateName,
    Optional<String> templateApp) {

  public Task {
    limit = List.copyOf(limit);
    tags = List.copyOf(tags);
    skipTags = List.copyOf(skipTags);
  }
}
