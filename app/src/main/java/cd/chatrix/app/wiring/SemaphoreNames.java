package cd.chatrix.app.wiring;

import java.util.Optional;
import java.util.Set;

/**
 * Turns the project and template names a policy may use into Semaphore ids. The policy allows ids
 * or names; the bot only compares ids, so names need a lookup against the server.
 */
public interface SemaphoreNames {
  Optional<Long> projectId(String name);

  Optional<Long> templateId(String name);

  /** Every template id of a project, for "approve every run of project X". */
  Set<Long> templateIdsOf(long projectId);

  /** Knows no names: only numeric entries resolve, and projects have no known templates. */
  SemaphoreNames IDS_ONLY =
      new SemaphoreNames() {
        @Override
        public Optional<Long> projectId(String name) {
          return Optional.empty();
        }

        @Override
        public Optional<Long> templateId(String name) {
          return Optional.empty();
        }

        @Override
        public Set<Long> templateIdsOf(long projectId) {
          return Set.of();
        }
      };
}
