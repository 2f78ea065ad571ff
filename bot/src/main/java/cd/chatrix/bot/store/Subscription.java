package cd.chatrix.bot.store;

import java.util.Optional;

/**
 * A room's wish to hear about tasks of a project, or of one template, even when started elsewhere.
 */
public record Subscription(long projectId, Optional<Long> templateId, boolean failuresOnly) {
  public Subscription {
    templateId = templateId == null ? Optional.empty() : templateId;
  }

  public boolean matches(long project, long template) {
    return projectId == project && templateId.map(t -> t == template).orElse(true);
  }
}
