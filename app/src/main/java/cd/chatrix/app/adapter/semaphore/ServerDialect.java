package cd.chatrix.app.adapter.semaphore;

import cd.chatrix.semaphore.SemaphoreClient;
import cd.chatrix.semaphore.SemaphoreException;
import cd.chatrix.semaphore.model.ServerInfo;
import cd.chatrix.semaphore.model.Template;
import cd.chatrix.semaphore.model.TemplateOverrides;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which Semaphore release the client talks to, and what that means for templates. Since 2.12 the
 * template's {@code task_params} gate overrides, and the server leaves the object out when all its
 * flags are off; the client's decoder cannot tell that from a 2.10 template (which has no gates),
 * so on 2.12+ a template without {@code task_params} is read as "nothing but what the template
 * flags allow". The release is asked once and again after a while, as servers get upgraded in
 * place.
 */
final class ServerDialect {
  private static final Logger LOG = LoggerFactory.getLogger(ServerDialect.class);
  private static final Duration RECHECK = Duration.ofMinutes(10);

  private final SemaphoreClient client;
  private final LongSupplier nanos;
  private Optional<ServerInfo> info = Optional.empty();
  private long checkedAt;

  ServerDialect(SemaphoreClient client) {
    this(client, System::nanoTime);
  }

  ServerDialect(SemaphoreClient client, LongSupplier nanos) {
    this.client = client;
    this.nanos = nanos;
  }

  /** The server's info, fetched now if not known or stale; empty when it cannot be had. */
  synchronized Optional<ServerInfo> info() {
    long now = nanos.getAsLong();
    if (info.isEmpty() || now - checkedAt > RECHECK.toNanos()) {
      try {
        info = Optional.of(client.info());
        checkedAt = now;
      } catch (SemaphoreException e) {
        LOG.debug("Semaphore version unknown for now: {}", e.getMessage());
      }
    }
    return info;
  }

  /** Fetches the info now, failing when the server does not give it. */
  synchronized ServerInfo freshInfo() {
    ServerInfo fresh = client.info();
    info = Optional.of(fresh);
    checkedAt = nanos.getAsLong();
    return fresh;
  }

  boolean gatesOverrides() {
    return info().flatMap(ServerInfo::release).map(r -> r.atLeast(2, 12)).orElse(false);
  }

  /** The template with the overrides the server will really apply. */
  Template effective(Template t) {
    if (t.overrides().gated() || !gatesOverrides()) {
      return t;
    }
    TemplateOverrides none =
        new TemplateOverrides(
            true,
            t.overrides().arguments(),
            false,
            false,
            false,
            false,
            false,
            false,
            List.of(),
            List.of(),
            List.of());
    return new Template(
        t.id(),
        t.projectId(),
        t.name(),
        t.description(),
        t.app(),
        t.type(),
        t.playbook(),
        t.arguments(),
        t.inventoryId(),
        t.environmentId(),
        t.repositoryId(),
        t.viewId(),
        t.gitBranch(),
        t.surveyVars(),
        none,
        t.lastTask());
  }

  /**
   * Whether a listed template may be hiding its survey variables: 2.10 list responses leave them
   * null (a known server bug), so only a fetch by id shows them.
   */
  boolean listHidesSurveys(Template listed) {
    return listed.surveyVars().isEmpty() && !listed.overrides().gated() && !gatesOverrides();
  }
}
