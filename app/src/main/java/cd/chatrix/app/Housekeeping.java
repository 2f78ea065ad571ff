package cd.chatrix.app;

import cd.chatrix.app.store.AuditLog;
import cd.chatrix.app.store.ProcessedEvents;
import cd.chatrix.app.store.SendTransactions;
import cd.chatrix.app.store.Store;
import cd.chatrix.app.wiring.store.SqlRunStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the store from growing for ever on a bot that runs for years: at start and then daily it
 * forgets what no longer serves anyone. Unfinished runs, pending confirmations and encryption state
 * are never touched (the Megolm replay index must outlive the sessions it protects).
 */
public final class Housekeeping implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

  /** How long each kind of record is kept. */
  public record Retention(
      Duration processedEvents, Duration sendTransactions, Duration finishedRuns, Duration audit) {

    /**
     * Processed-event marks only guard against a sync batch being handled twice, which concerns
     * minutes; finished runs serve {@code status} and {@code logs}; the audit trail is kept a year.
     */
    public static Retention defaults() {
      return new Retention(
          Duration.ofDays(30), Duration.ofDays(30), Duration.ofDays(90), Duration.ofDays(365));
    }
  }

  /** What one sweep removed. */
  record Swept(int processedEvents, int sendTransactions, int finishedRuns, int auditEntries) {
    int total() {
      return processedEvents + sendTransactions + finishedRuns + auditEntries;
    }
  }

  private final Store store;
  private final Retention retention;
  private final InstantSource clock;
  private volatile Optional<Thread> thread = Optional.empty();

  private Housekeeping(Store store, Retention retention, InstantSource clock) {
    this.store = store;
    this.retention = retention;
    this.clock = clock;
  }

  /** Sweeps now, in the background, and then every {@code every}. */
  public static Housekeeping start(Store store, Retention retention, Duration every) {
    var housekeeping = new Housekeeping(store, retention, InstantSource.system());
    housekeeping.thread =
        Optional.of(Thread.ofVirtual().name("housekeeping").start(() -> housekeeping.loop(every)));
    return housekeeping;
  }

  /** For tests: sweeps only when asked. */
  static Housekeeping manual(Store store, Retention retention, InstantSource clock) {
    return new Housekeeping(store, retention, clock);
  }

  Swept sweep() {
    Instant now = clock.instant();
    return new Swept(
        new ProcessedEvents(store).pruneOlderThan(now.minus(retention.processedEvents())),
        new SendTransactions(store).pruneOlderThan(now.minus(retention.sendTransactions())),
        new SqlRunStore(store).pruneFinishedBefore(now.minus(retention.finishedRuns())),
        new AuditLog(store).pruneOlderThan(now.minus(retention.audit())));
  }

  private void loop(Duration every) {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Swept swept = sweep();
        if (swept.total() > 0) {
          log.info("Housekeeping removed {} old records from the store: {}", swept.total(), swept);
        }
      } catch (RuntimeException e) {
        log.warn("Housekeeping failed this time; it tries again later: {}", e.getMessage());
      }
      try {
        Thread.sleep(every);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    thread.ifPresent(Thread::interrupt);
  }
}
