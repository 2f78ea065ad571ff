package cd.chatrix.bot.store;

import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.port.TaskRequest;

/** What happens when a confirmation is accepted. */
public sealed interface PendingAction {
  /** Start {@code request} on template {@code templateName} of project {@code projectName}. */
  record Run(long projectId, String projectName, String templateName, TaskRequest request)
      implements PendingAction {}

  record Stop(TaskRef task, boolean force) implements PendingAction {}

  record Exit() implements PendingAction {}
}
