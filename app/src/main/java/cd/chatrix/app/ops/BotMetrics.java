package cd.chatrix.app.ops;

import cd.chatrix.bot.port.BotObserver.CommandOutcome;
import cd.chatrix.semaphore.RequestListener;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The bot's metrics: what the operator console shows, and, when the {@code http} endpoint is on,
 * the Prometheus series {@link OpsServer} serves at {@code /metrics} ({@link
 * PrometheusInstruments}). Callers use the small typed methods below. Every method is cheap and
 * thread-safe.
 *
 * <p>With the endpoint off (the default) nothing could ever read the Prometheus series, so {@link
 * #unserved()} does not create them: the idle bot then loads none of the client library's ~115
 * classes (docs/bench/memory.md, "Fewer classes at idle").
 */
public final class BotMetrics {

  /** How a Semaphore run that the bot watched ended. */
  public enum RunOutcome {
    SUCCESS,
    ERROR,
    STOPPED,
    REJECTED,
    /** Semaphore no longer knows the task (deleted while the bot watched it). */
    VANISHED
  }

  /** What happened to a run that waited for a human approval. */
  public enum ApprovalDecision {
    APPROVED,
    DECLINED
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

  private final LongAdder commandsTotal = new LongAdder();
  private final LongAdder undecryptableTotal = new LongAdder();
  private final AtomicReference<IntSupplier> monitoredTasks = new AtomicReference<>(NOTHING);
  private final AtomicReference<IntSupplier> sendQueueDepth = new AtomicReference<>(NOTHING);
  private final AtomicReference<Supplier<String>> leaseRole = new AtomicReference<>(() -> "leader");
  private final AtomicReference<LongSupplier> leaseEpoch = new AtomicReference<>(() -> 0);
  private final Instruments instruments;

  /** Metrics served at {@code /metrics}: every series is recorded from now on. */
  public BotMetrics() {
    this.instruments =
        new PrometheusInstruments(
            () -> monitoredTasks.get().getAsInt(),
            () -> sendQueueDepth.get().getAsInt(),
            () -> leaseRole.get().get(),
            () -> leaseEpoch.get().getAsLong());
  }

  private BotMetrics(Instruments instruments) {
    this.instruments = instruments;
  }

  /** Metrics nobody scrapes ({@code http.enabled} is false): only what the console shows. */
  public static BotMetrics unserved() {
    return new BotMetrics(Instruments.Off.INSTANCE);
  }

  /** {@link #BotMetrics() Served} when {@code served}, else {@link #unserved()}. */
  public static BotMetrics forEndpoint(boolean served) {
    return served ? new BotMetrics() : unserved();
  }

  /** This replica's lease role now: leader, unconfirmed or standby. */
  public String leaseRole() {
    return leaseRole.get().get();
  }

  /** The lease epoch this replica leads in; 0 while standing by and on SQLite. */
  public long leaseEpoch() {
    return leaseEpoch.get().getAsLong();
  }

  /** Sets where the lease gauges read this replica's role name and epoch; same rules as below. */
  public void lease(Supplier<String> role, LongSupplier epoch) {
    leaseRole.set(Objects.requireNonNull(role, "role"));
    leaseEpoch.set(Objects.requireNonNull(epoch, "epoch"));
  }

  /**
   * The registry the metrics live on; {@link OpsServer} serves it.
   *
   * @throws IllegalStateException for {@link #unserved()} metrics, which have none
   */
  public PrometheusRegistry registry() {
    if (instruments instanceof PrometheusInstruments prometheus) {
      return prometheus.registry();
    }
    throw new IllegalStateException("these metrics are not served: they have no registry");
  }

  /**
   * Counts one handled command and records its processing time. The bot names commands by their
   * table name or {@code unknown}; still, unusual names (long, odd characters) and names beyond the
   * first 64 distinct ones are counted as {@code other}, so no input can create unbounded series.
   */
  public void commandHandled(
      String command, CommandOutcome outcome, Duration processing, Duration waitedOnPorts) {
    instruments.commandHandled(command, outcome, processing, waitedOnPorts);
    commandsTotal.increment();
  }

  /** Commands handled since start-up, whatever their outcome (for the operator console). */
  public long commandsHandled() {
    return commandsTotal.sum();
  }

  /** Counts one finished run. */
  public void runFinished(RunOutcome outcome) {
    instruments.runFinished(outcome);
  }

  /** Counts one answered confirmation. */
  public void approval(ApprovalDecision decision) {
    instruments.approval(decision);
  }

  /** Counts one confirmation that timed out. */
  public void confirmationExpired() {
    instruments.confirmationExpired();
  }

  /** Records the time spent on one sync response. */
  public void syncProcessed(Duration duration) {
    instruments.syncProcessed(duration);
  }

  /** Counts one event that could not be decrypted. */
  public void undecryptableEvent() {
    instruments.undecryptableEvent();
    undecryptableTotal.increment();
  }

  /** Events that could not be decrypted since start-up (for the operator console). */
  public long undecryptableEvents() {
    return undecryptableTotal.sum();
  }

  /**
   * Records one request to the Semaphore API: its latency always, and a failure by kind unless it
   * was answered with 2xx. Fits {@link cd.chatrix.semaphore.SemaphoreClient#create(
   * cd.chatrix.semaphore.SemaphoreSettings, RequestListener)} as {@code metrics::semaphoreRequest}.
   */
  public void semaphoreRequest(RequestListener.Request request) {
    instruments.semaphoreRequest(request);
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
    instruments.webhookRequest(result);
  }
}
