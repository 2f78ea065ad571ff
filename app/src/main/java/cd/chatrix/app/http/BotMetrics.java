package cd.chatrix.app.http;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

/**
 * The bot's Prometheus metrics, on a registry this object owns and {@link OpsServer} serves at
 * {@code /metrics}. Callers use the small typed methods below; names, labels and units are fixed
 * here so that dashboards keep working. Every method is cheap and thread-safe.
 */
public final class BotMetrics {

  /** How a chat command ended. */
  public enum CommandOutcome {
    /** Ran and answered. */
    OK,
    /** Refused by the access policy. */
    DENIED,
    /** Wrong arguments or an unknown command. */
    INVALID,
    /** Refused by the per-user rate limit. */
    RATE_LIMITED,
    /** Failed while running, e.g. Semaphore was unreachable. */
    FAILED
  }

  /** How a Semaphore run that the bot started ended. */
  public enum RunOutcome {
    SUCCESS,
    ERROR,
    STOPPED,
    REJECTED,
    /** Semaphore refused to start the task. */
    NOT_STARTED
  }

  /** What happened to a run that waited for a human approval. */
  public enum ApprovalDecision {
    APPROVED,
    DECLINED
  }

  /** Why a Semaphore request failed. */
  public enum SemaphoreError {
    /** Connection refused, DNS failure, TLS failure. */
    UNREACHABLE,
    TIMEOUT,
    /** 401/403: the API token is wrong or lacks the role. */
    UNAUTHORIZED,
    /** Another 4xx answer. */
    CLIENT_ERROR,
    /** A 5xx answer. */
    SERVER_ERROR,
    /** An answer that could not be read. */
    BAD_RESPONSE
  }

  /** What {@code /hooks/semaphore} did with a request (recorded by {@link OpsServer}). */
  enum WebhookResult {
    ACCEPTED,
    UNAUTHORIZED,
    TOO_LARGE,
    MALFORMED,
    NOT_AN_ALERT,
    HANDLER_FAILED
  }

  private static final IntSupplier NOTHING = () -> 0;

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final BoundedLabel commandNames = new BoundedLabel(64);
  private final AtomicReference<IntSupplier> monitoredTasks = new AtomicReference<>(NOTHING);
  private final AtomicReference<IntSupplier> sendQueueDepth = new AtomicReference<>(NOTHING);

  private final Counter commands;
  private final Counter runs;
  private final Counter approvals;
  private final Counter confirmationsExpired;
  private final Histogram syncDuration;
  private final Counter undecryptableEvents;
  private final Histogram semaphoreRequestDuration;
  private final Counter semaphoreRequestErrors;
  private final Counter webhookRequests;

  public BotMetrics() {
    commands =
        Counter.builder()
            .name("chatrixcd_commands_total")
            .help("Chat commands handled, by command name and outcome.")
            .labelNames("command", "outcome")
            .register(registry);
    runs =
        Counter.builder()
            .name("chatrixcd_runs_total")
            .help("Semaphore runs started from chat, by how they ended.")
            .labelNames("outcome")
            .register(registry);
    approvals =
        Counter.builder()
            .name("chatrixcd_approvals_total")
            .help("Run confirmations answered in chat, by decision.")
            .labelNames("decision")
            .register(registry);
    confirmationsExpired =
        Counter.builder()
            .name("chatrixcd_confirmations_expired_total")
            .help("Run confirmations nobody answered before the timeout.")
            .register(registry);
    syncDuration =
        Histogram.builder()
            .name("chatrixcd_sync_duration_seconds")
            .unit(Unit.SECONDS)
            .help("Time to process one Matrix sync response, including decryption and dispatch.")
            .classicOnly()
            .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
            .withoutExemplars()
            .register(registry);
    undecryptableEvents =
        Counter.builder()
            .name("chatrixcd_undecryptable_events_total")
            .help("Encrypted room events the bot could not decrypt.")
            .register(registry);
    semaphoreRequestDuration =
        Histogram.builder()
            .name("chatrixcd_semaphore_request_duration_seconds")
            .unit(Unit.SECONDS)
            .help("Latency of requests to the Semaphore API, failed ones included.")
            .classicOnly()
            .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
            .withoutExemplars()
            .register(registry);
    semaphoreRequestErrors =
        Counter.builder()
            .name("chatrixcd_semaphore_request_errors_total")
            .help("Failed requests to the Semaphore API, by kind of failure.")
            .labelNames("kind")
            .register(registry);
    webhookRequests =
        Counter.builder()
            .name("chatrixcd_webhook_requests_total")
            .help("Requests to /hooks/semaphore, by result.")
            .labelNames("result")
            .register(registry);
    GaugeWithCallback.builder()
        .name("chatrixcd_monitored_tasks")
        .help("Semaphore tasks the bot is currently watching.")
        .callback(callback -> callback.call(monitoredTasks.get().getAsInt()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("chatrixcd_send_queue_depth")
        .help("Chat messages waiting to be sent.")
        .callback(callback -> callback.call(sendQueueDepth.get().getAsInt()))
        .register(registry);
  }

  /** The registry the metrics live on; {@link OpsServer} serves it. */
  public PrometheusRegistry registry() {
    return registry;
  }

  /**
   * Counts one handled command. Unusual names (long, odd characters) and names beyond the first 64
   * distinct ones are counted as {@code other}, so typos cannot create unbounded series.
   */
  public void commandHandled(String command, CommandOutcome outcome) {
    commands.labelValues(commandNames.of(command), label(outcome)).inc();
  }

  /** Counts one finished run. */
  public void runFinished(RunOutcome outcome) {
    runs.labelValues(label(outcome)).inc();
  }

  /** Counts one answered confirmation. */
  public void approval(ApprovalDecision decision) {
    approvals.labelValues(label(decision)).inc();
  }

  /** Counts one confirmation that timed out. */
  public void confirmationExpired() {
    confirmationsExpired.inc();
  }

  /** Records the time spent on one sync response. */
  public void syncProcessed(Duration duration) {
    syncDuration.observe(seconds(duration));
  }

  /** Counts one event that could not be decrypted. */
  public void undecryptableEvent() {
    undecryptableEvents.inc();
  }

  /** Records one Semaphore request's latency, whether it succeeded or not. */
  public void semaphoreRequest(Duration duration) {
    semaphoreRequestDuration.observe(seconds(duration));
  }

  /** Counts one failed Semaphore request. */
  public void semaphoreRequestFailed(SemaphoreError kind) {
    semaphoreRequestErrors.labelValues(label(kind)).inc();
  }

  /**
   * Sets where {@code chatrixcd_monitored_tasks} reads its value at scrape time. Calling it again
   * replaces the previous supplier. The supplier must be fast and must not throw.
   */
  public void monitoredTasks(IntSupplier supplier) {
    monitoredTasks.set(Objects.requireNonNull(supplier, "supplier"));
  }

  /** Sets where {@code chatrixcd_send_queue_depth} reads its value; same rules as above. */
  public void sendQueueDepth(IntSupplier supplier) {
    sendQueueDepth.set(Objects.requireNonNull(supplier, "supplier"));
  }

  void webhookRequest(WebhookResult result) {
    webhookRequests.labelValues(label(result)).inc();
  }

  private static String label(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private static double seconds(Duration duration) {
    return Math.max(0, duration.toNanos()) / 1e9;
  }
}
