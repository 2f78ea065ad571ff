package cd.chatrix.app.ops;

import cd.chatrix.semaphore.model.TaskStatus;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One alert Semaphore posted about a task, reduced to what its payload really carries. Semaphore
 * sends alerts only for {@code success}, {@code error} and {@code waiting_confirmation}, renders
 * them from text templates, and never includes the project's name: the project and template ids
 * come from the task link ({@code <web_host>/project/<pid>/templates/<tid>?t=<task>}). Text fields
 * are empty when the payload did not have them.
 *
 * <p>An alert is a hint to look now, not proof: the receiver should re-read the task from the API
 * before telling anyone, since only the shared secret stands between the endpoint and the world.
 *
 * @param taskId the task the alert is about (always present: payloads without one are refused)
 * @param projectId from the task link
 * @param templateId from the task link
 * @param templateName the "Task: NAME" title
 * @param status the task status, when the payload's "status: ✅SUCCESS" text could be read
 * @param author the user who started the task; empty for tasks started by an integration or
 *     schedule (Semaphore writes "—" for those)
 * @param version the build version, for build and deploy templates
 * @param taskUrl the link to the task in Semaphore's web UI, as sent (relative when Semaphore's
 *     {@code web_host} is unset)
 * @param format which payload shape it came in
 */
public record SemaphoreAlert(
    long taskId,
    OptionalLong projectId,
    OptionalLong templateId,
    String templateName,
    Optional<TaskStatus> status,
    String author,
    String version,
    String taskUrl,
    Format format) {

  /** The payload shape the alert was read from. */
  public enum Format {
    /** Semaphore's {@code slack_url} alert (attachments with title, link, text and fields). */
    SLACK,
    /** Semaphore's {@code rocketchat_url} alert (top-level text plus attachments). */
    ROCKET_CHAT,
    /** Any other JSON (Teams, DingTalk, Gotify, Telegram shapes), read from its text. */
    OTHER_JSON,
    /**
     * A body that is not valid JSON, read as text. Semaphore does not escape the values it puts
     * into its templates, so a template name containing a double quote yields broken JSON.
     */
    BROKEN_JSON
  }

  public SemaphoreAlert {
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(templateId, "templateId");
    Objects.requireNonNull(templateName, "templateName");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(taskUrl, "taskUrl");
    Objects.requireNonNull(format, "format");
  }
}
