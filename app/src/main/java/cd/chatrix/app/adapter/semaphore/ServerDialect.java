package cd.chatrix.app.adapter.semaphore;

import cd.chatrix.semaphore.SemaphoreClient;
import cd.chatrix.semaphore.SemaphoreException;
import cd.chatrix.semaphore.model.ServerInfo;
import cd.chatrix.semaphore.model.Template;
import cd.chatrix.semaphore.model.TemplateOverrides;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which Semaphore release the client talks to, and what that means for templates. Since 2.12 the
 * template's {@code task_params} gate overrides, and the server leaves the object out when all its
 * flags are off; the client's decoder cannot tell that from a 2.10 template (which has no gates),
 * so on 2.12+ a template without {@code task_params} is read as "nothing but what the template
 * flags allow". The release is asked once and again after a while, as servers get upgraded in
 * place; sooner when Semaphore comes back after an outage (a restart is when upgrades happen), and
 * whenever someone else (the app's probe) has read a newer answer.
 */
final class ServerDialect {
  private static final Logger LOG = LoggerFactory.getLogger(ServerDialect.class);
  private static final Duration RECHECK = Duration.ofMinutes(10);

  private final SemaphoreClient client;
  private final LongSupplier nanos;
  // Never a lock around the network call: every ping and info would queue behind one round trip.
  private final AtomicReference<Optional<Known>> known = new AtomicReference<>(Optional.empty());
  private final AtomicReference<CompletableFuture<ServerInfo>> inFlight = new AtomicReference<>();

  private record Known(ServerInfo info, long checkedAt, long recoveries) {}

  ServerDialect(SemaphoreClient client) {
    this(client, System::nanoTime);
  }

  ServerDialect(SemaphoreClient client, LongSupplier nanos) {
    this.client = client;
    this.nanos = nanos;
  }

  /** The server's info, fetched now if not known or stale; the last known when it cannot be had. */
  Optional<ServerInfo> info() {
    Optional<Known> last = known.get();
    Optional<SemaphoreClient.SeenInfo> seen = client.lastInfo();
    if (seen.isPresent()
        && (last.isEmpty() || seen.get().atNanos() - last.get().checkedAt() > 0)
        && nanos.getAsLong() - seen.get().atNanos() <= RECHECK.toNanos()) {
      known.set(
          Optional.of(new Known(seen.get().info(), seen.get().atNanos(), client.recoveries())));
      last = known.get();
    }
    if (last.isPresent()
        && last.get().recoveries() == client.recoveries()
        && nanos.getAsLong() - last.get().checkedAt() <= RECHECK.toNanos()) {
      return Optional.of(last.get().info());
    }
    try {
      return Optional.of(freshInfo());
    } catch (SemaphoreException e) {
      LOG.debug("Semaphore version unknown for now: {}", e.getMessage());
      return last.map(Known::info);
    }
  }

  /**
   * Fetches the info now, failing when the server does not give it. Callers that come while a fetch
   * is on the wire share its answer instead of sending their own: an answer that reaches them after
   * they asked and is at most one round trip older than one of their own would be (enough for
   * "Semaphore answers, with this release and this token"), and under a burst of {@code ping}s and
   * {@code info}s in many rooms it saves a request per caller. Only this read is shared: catalog
   * reads after a refresh must start after it.
   */
  ServerInfo freshInfo() {
    CompletableFuture<ServerInfo> mine = new CompletableFuture<>();
    CompletableFuture<ServerInfo> running = inFlight.compareAndExchange(null, mine);
    if (running != null) {
      return shared(running);
    }
    try {
      long recoveries = client.recoveries();
      ServerInfo fresh = client.info();
      known.set(Optional.of(new Known(fresh, nanos.getAsLong(), recoveries)));
      mine.complete(fresh);
      return fresh;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.compareAndSet(mine, null);
    }
  }

  private static ServerInfo shared(CompletableFuture<ServerInfo> running) {
    try {
      return running.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SemaphoreException.Unreachable("Stopped while waiting for Semaphore's answer.", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
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
}
