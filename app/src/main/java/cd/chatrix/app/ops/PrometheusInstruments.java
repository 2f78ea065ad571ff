package cd.chatrix.app.ops;

import cd.chatrix.app.ops.BotMetrics.WebhookResult;
import cd.chatrix.bot.port.BotObserver.CommandOutcome;
import cd.chatrix.semaphore.RequestListener;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The Prometheus side of {@link BotMetrics}: the registry {@link OpsServer} serves at {@code
 * /metrics} and every series on it. Names, labels and units are fixed here so that dashboards keep
 * working. Made only when the endpoint is on: the client library is ~115 classes the bot would
 * otherwise load for nobody to read.
 *
 * <p>{@code chatrixcd_command_processing_seconds} (a summary with the 0.5 and 0.99 quantiles, no
 * labels) is also read by the load bench in another process: keep its name and quantiles.
 */
final class PrometheusInstruments implements Instruments {
  private static final List<String> LEASE_ROLES = List.of("leader", "unconfirmed", "standby");

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final BoundedLabel commandNames = new BoundedLabel(64);
  private final BoundedLabel endpoints = BoundedLabel.paths(48);

  private final Counter commands;
  private final Summary commandProcessing;
  private final Summary commandWait;
  private final Counter runs;
  private final Counter approvals;
  private final Counter confirmationsExpired;
  private final Histogram syncDuration;
  private final Counter undecryptableEvents;
  private final Histogram semaphoreRequestDuration;
  private final Counter semaphoreRequestErrors;
  private final Counter webhookRequests;

  /** The gauges read the suppliers at scrape time; they must be fast and must not throw. */
  PrometheusInstruments(
      IntSupplier monitoredTasks,
      IntSupplier sendQueueDepth,
      Supplier<String> leaseRole,
      LongSupplier leaseEpoch) {
    commands =
        counter(
            "chatrixcd_commands_total",
            "Chat commands handled, by command name and outcome.",
            "command",
            "outcome");
    commandProcessing =
        summary(
            "chatrixcd_command_processing_seconds",
            "The bot's own work on a command, from the command reaching it to its first reply"
                + " handed to the homeserver client, without waits for Semaphore or the"
                + " homeserver.");
    commandWait =
        summary(
            "chatrixcd_command_wait_seconds",
            "Time a command waited for Semaphore or the homeserver before its first reply.");
    runs =
        counter(
            "chatrixcd_runs_total",
            "Semaphore runs the bot watched to their end, by how they ended.",
            "outcome");
    approvals =
        counter(
            "chatrixcd_approvals_total",
            "Run confirmations answered in chat, by decision.",
            "decision");
    confirmationsExpired =
        counter(
            "chatrixcd_confirmations_expired_total",
            "Run confirmations nobody answered before the timeout.");
    syncDuration =
        histogram(
            "chatrixcd_sync_duration_seconds",
            "Time to process one Matrix sync response, including decryption and dispatch.",
            new double[] {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60});
    undecryptableEvents =
        counter(
            "chatrixcd_undecryptable_events_total",
            "Encrypted room events the bot could not decrypt.");
    semaphoreRequestDuration =
        histogram(
            "chatrixcd_semaphore_request_duration_seconds",
            "Latency of requests to the Semaphore API, retries and failed ones included, by"
                + " method and endpoint (ids replaced by {id}).",
            new double[] {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30},
            "method",
            "endpoint");
    semaphoreRequestErrors =
        counter(
            "chatrixcd_semaphore_request_errors_total",
            "Failed requests to the Semaphore API, by kind: unauthorized, client_error,"
                + " server_error, timeout, unreachable.",
            "kind");
    webhookRequests =
        counter(
            "chatrixcd_webhook_requests_total",
            "Requests to /hooks/semaphore, by result.",
            "result");
    GaugeWithCallback.builder()
        .name("chatrixcd_monitored_tasks")
        .help("Semaphore tasks the bot is currently watching.")
        .callback(callback -> callback.call(monitoredTasks.getAsInt()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("chatrixcd_send_queue_depth")
        .help("Chat messages waiting to be sent.")
        .callback(callback -> callback.call(sendQueueDepth.getAsInt()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("chatrixcd_lease_role")
        .help(
            "1 for this replica's role: leader (acts), unconfirmed (leader that could not renew"
                + " its lease, not acting) or standby; always leader on SQLite.")
        .labelNames("role")
        .callback(callback -> {
          String now = leaseRole.get();
          for (String role : LEASE_ROLES) {
            callback.call(role.equals(now) ? 1 : 0, role);
          }
        })
        .register(registry);
    GaugeWithCallback.builder()
        .name("chatrixcd_lease_epoch")
        .help("The leader lease epoch this replica leads in (0 while standing by, and on SQLite).")
        .callback(callback -> callback.call(leaseEpoch.getAsLong()))
        .register(registry);
  }

  private Counter counter(String name, String help, String... labels) {
    var builder = Counter.builder().name(name).help(help);
    if (labels.length > 0) {
      builder.labelNames(labels);
    }
    return builder.register(registry);
  }

  /** Median and 99th percentile, in seconds. */
  private Summary summary(String name, String help) {
    return Summary.builder()
        .name(name)
        .unit(Unit.SECONDS)
        .help(help)
        .quantile(0.5, 0.01)
        .quantile(0.99, 0.001)
        .register(registry);
  }

  /** Classic buckets only (no native histogram, no exemplars), in seconds. */
  private Histogram histogram(String name, String help, double[] bounds, String... labels) {
    var builder =
        Histogram.builder()
            .name(name)
            .unit(Unit.SECONDS)
            .help(help)
            .classicOnly()
            .classicUpperBounds(bounds)
            .withoutExemplars();
    if (labels.length > 0) {
      builder.labelNames(labels);
    }
    return builder.register(registry);
  }

  PrometheusRegistry registry() {
    return registry;
  }

  @Override
  public void commandHandled(
      String command, CommandOutcome outcome, Duration processing, Duration waitedOnPorts) {
    commands.labelValues(commandNames.of(command), outcome.label()).inc();
    commandProcessing.observe(seconds(processing));
    commandWait.observe(seconds(waitedOnPorts));
  }

  @Override
  public void runFinished(BotMetrics.RunOutcome outcome) {
    runs.labelValues(label(outcome)).inc();
  }

  @Override
  public void approval(BotMetrics.ApprovalDecision decision) {
    approvals.labelValues(label(decision)).inc();
  }

  @Override
  public void confirmationExpired() {
    confirmationsExpired.inc();
  }

  @Override
  public void syncProcessed(Duration duration) {
    syncDuration.observe(seconds(duration));
  }

  @Override
  public void undecryptableEvent() {
    undecryptableEvents.inc();
  }

  @Override
  public void semaphoreRequest(RequestListener.Request request) {
    semaphoreRequestDuration
        .labelValues(request.method(), endpoints.of(request.endpoint()))
        .observe(seconds(request.duration()));
    if (request.outcome() != RequestListener.Outcome.OK) {
      semaphoreRequestErrors.labelValues(label(request.outcome())).inc();
    }
  }

  @Override
  public void webhookRequest(WebhookResult result) {
    webhookRequests.labelValues(label(result)).inc();
  }

  private static String label(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private static double seconds(Duration duration) {
    return Math.max(0, duration.toNanos()) / 1e9;
  }
}
