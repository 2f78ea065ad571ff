package cd.chatrix.matrix.sync;

import cd.chatrix.matrix.http.HttpTransport;
import cd.chatrix.matrix.http.MatrixException;
import cd.chatrix.matrix.http.MatrixRequest;
import cd.chatrix.matrix.http.Passing;
import cd.chatrix.matrix.http.RateLimits;
import cd.chatrix.matrix.http.ReloginRequiredException;
import cd.chatrix.matrix.http.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The long-poll loop of one account, on its own virtual thread. Each response goes to the sync
 * listeners, then its timeline events go to the handlers through per-room serial queues; the loop
 * itself never waits for a handler (up to {@link SyncOptions#maxOpenBatches()} responses and {@link
 * SyncOptions#maxOpenEvents()} events). A limited timeline's gap is back-filled forwards, a page
 * per room in turn, each page only when there is room for it. The position is committed by the
 * {@link BatchLedger} once a response (with its gap) is fully handled.
 *
 * <p>The loop moves between virtual threads: when a response's first event is for an idle room, the
 * thread that took the response in keeps that room's lane and a new thread goes on polling, so a
 * command on a quiet bot reaches its handler without waiting for a thread to be scheduled.
 *
 * <p>Longer than most classes here: the loop, its gap back-fill, the hand-over of the loop between
 * threads and the stop share one state and one stopping flag; the parts that stand alone (ledger,
 * gap pages, lanes, back-off, trouble reports) are classes of their own.
 */
public final class SyncEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);

  /** A gap this long gets a line in the log once it is caught up. */
  private static final int LONG_GAP = 1_000;

  private final HttpTransport transport;
  private final String userId;
  private final SyncStateStore store;
  private final SyncOptions options;
  private final List<SyncListener> listeners = new CopyOnWriteArrayList<>();
  private final RoomEventHandlers handlers = new RoomEventHandlers();
  private final List<SyncTimingListener> timings = new CopyOnWriteArrayList<>();
  private final CountDownLatch firstSync = new CountDownLatch(1);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final RoomSerialExecutor rooms = new RoomSerialExecutor();
  private final BatchLedger ledger;
  private final TimelineGapFiller gaps;
  private final SyncTrouble unreadable = new SyncTrouble();
  private final RepeatedFailure listenerTrouble =
      new RepeatedFailure(
          "Taking in a sync response failed",
          "The bot goes on and each later sync tries again; a line follows when that works. If"
              + " it keeps failing, fix what the message names (-v logs the details).",
          "Sync responses are taken in again");
  private final RepeatedFailure storeTrouble =
      new RepeatedFailure(
          "The sync loop cannot read or save its position in the store",
          "It waits and goes on where it stopped once the store answers; check the database the"
              + " message names.",
          "The sync loop reaches the store again");
  private final RetryPause pause;
  private volatile IncomingEventDecryptor decryptor = IncomingEventDecryptor.NONE;
  private volatile boolean stopping;
  private volatile Thread loop;

  public SyncEngine(
      HttpTransport transport, String userId, SyncStateStore store, SyncOptions options) {
    this.transport = transport;
    this.userId = userId;
    this.store = store;
    this.options = options;
    this.ledger = new BatchLedger(store, options.bounds(), this::batchCommitted);
    this.gaps = new TimelineGapFiller(transport);
    this.pause = new RetryPause(options.sleeper());
  }

  public void addListener(SyncListener listener) {
    listeners.add(listener);
  }

  public void addHandler(RoomEventHandler handler) {
    handlers.add(handler);
  }

  /** Hears how long each response took to handle (see {@link SyncTimingListener}). */
  public void addTimingListener(SyncTimingListener listener) {
    timings.add(listener);
  }

  private void batchCommitted(long receivedNanos, int events) {
    Duration elapsed = Duration.ofNanos(System.nanoTime() - receivedNanos);
    for (SyncTimingListener listener : timings) {
      try {
        listener.batchHandled(elapsed, events);
      } catch (RuntimeException e) {
        LOG.warn("A sync timing listener failed; continuing", e);
      }
    }
  }

  public void setDecryptor(IncomingEventDecryptor newDecryptor) {
    this.decryptor = newDecryptor;
  }

  /**
   * Ends the back-off after failed syncs now: for a part that knows their cause is gone (the store
   * answers again, the leader lease is renewed), so the bot does not sleep through a back-off that
   * grew during a long outage. The next attempt goes at once, and if it fails the back-off starts
   * again from its shortest wait. Without failures it does nothing.
   */
  public void retryNow() {
    pause.wake();
  }

  /** Starts the loop; call once. */
  public synchronized void start() {
    if (loop != null) {
      throw new IllegalStateException("the sync engine is already started");
    }
    LoopState state = new LoopState(store.since());
    loop = loopThread(state);
  }

  private Thread loopThread(LoopState state) {
    return Thread.ofVirtual().name("matrix-sync-" + userId).start(() -> run(state));
  }

  /**
   * Hands the loop to a new thread so that this one can work a room's lane; false, and nothing
   * changes, when the engine is stopping. Synchronized with {@link #close}: the loop thread it
   * stops is always the current one.
   */
  private synchronized boolean handLoopOver(LoopState state) {
    if (stopping) {
      return false;
    }
    loop = loopThread(state);
    return true;
  }

  /** What the loop carries from one response to the next, on whichever thread runs it. */
  private static final class LoopState {
    String filterId;
    Optional<String> since;
    boolean historic;
    boolean stateLoaded;
    int errors;

    LoopState(Optional<String> since) {
      this.since = since;
      this.historic = since.isEmpty();
    }
  }

  /** Waits until the first response was dispatched; false on timeout or failure. */
  public boolean awaitFirstSync(Duration timeout) throws InterruptedException {
    return firstSync.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && failure.get() == null;
  }

  /** Why the loop stopped on its own (for example, the session ended); empty while healthy. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }

  public boolean isRunning() {
    Thread t = loop;
    return t != null && t.isAlive();
  }

  /**
   * The loop. When a response's first event is for an idle room, the thread that took the response
   * in hands the loop to a new thread and handles that event itself: the reply's path skips
   * starting and scheduling a thread, and the next {@code /sync} (off that path) pays for it.
   */
  private void run(LoopState state) {
    while (!stopping) {
      Optional<RoomSerialExecutor.Claimed> here = Optional.empty();
      try {
        if (state.filterId == null) {
          state.filterId = SyncFilter.upload(transport, userId, options.timelineLimit());
        }
        if (!ledger.awaitRoom()) {
          break;
        }
        Optional<JsonNode> response =
            poll(
                state.filterId,
                state.since,
                state.historic || state.errors > 0,
                !state.stateLoaded);
        if (response.isEmpty()) {
          continue;
        }
        long receivedNanos = System.nanoTime();
        SyncBatch batch = SyncBatch.parse(response.get());
        notifyListeners(batch);
        Set<String> seen = new HashSet<>();
        OptionalInt gapEvents =
            state.since.isPresent() ? fillGaps(batch, state.since.get(), seen) : OptionalInt.of(0);
        if (gapEvents.isEmpty()) {
          break;
        }
        here = dispatch(batch, state.historic, seen, gapEvents.getAsInt(), receivedNanos);
        state.stateLoaded = true;
        state.since = Optional.of(batch.nextBatch());
        state.historic = false;
        state.errors = 0;
        unreadable.recovered();
        storeTrouble.recovered();
        pause.clear();
        firstSync.countDown();
        if (here.isPresent() && handLoopOver(state)) {
          Optional<RoomSerialExecutor.Claimed> mine = here;
          here = Optional.empty();
          Thread.currentThread().setName(""); // a lane's thread now, like the executor's
          rooms.runHere(mine.get());
          return;
        }
      } catch (ReloginRequiredException e) {
        LOG.error("Sync stopped: {}", e.getMessage());
        failure.set(e);
        firstSync.countDown();
        return;
      } catch (MatrixException e) {
        if (stopping) {
          break;
        }
        Duration wait =
            e.error().status() == 429 && e.error().retryAfterMs().isPresent()
                ? Duration.ofMillis(e.error().retryAfterMs().getAsLong())
                : options.backoff().delay(state.errors++);
        if (e.error().status() == 400 || e.error().status() == 404) {
          // The server may have forgotten our filter (e.g. after a restore); upload it again.
          state.filterId = null;
        }
        // The transport's outage log has said what is wrong, once; this is per attempt.
        LOG.debug("Sync failed ({}); retrying in {} ms", e.getMessage(), wait.toMillis());
        state.errors = retryAfter(wait, state.errors);
      } catch (TransportException e) {
        if (stopping) {
          break;
        }
        Duration wait = options.backoff().delay(state.errors++);
        LOG.debug("Sync failed ({}); retrying in {} ms", e.reason(), wait.toMillis());
        state.errors = retryAfter(wait, state.errors);
      } catch (StateStoreFailure e) {
        if (stopping) {
          break;
        }
        // Whoever knows when the store is back (the leader lease) ends this wait: retryNow().
        storeTrouble.failed(e.getCause());
        state.errors = retryAfter(options.backoff().delay(state.errors), state.errors + 1);
      } catch (JacksonException | IllegalArgumentException e) {
        if (stopping) {
          break;
        }
        unreadable.failed(e);
        state.errors = retryAfter(options.backoff().delay(state.errors), state.errors + 1);
      } catch (RuntimeException e) {
        if (stopping) {
          break;
        }
        if (Passing.failure(e)) {
          // E.g. a renewal or a new login that met the same outage; the transport said so.
          Duration wait = options.backoff().delay(state.errors++);
          LOG.debug("Sync failed ({}); retrying in {} ms", e.getMessage(), wait.toMillis());
          state.errors = retryAfter(wait, state.errors);
          continue;
        }
        unreadable.failedUnexpectedly(e);
        state.errors = retryAfter(options.backoff().delay(state.errors), state.errors + 1);
      } finally {
        // A lane claimed and not worked here (the engine is stopping, or something failed after
        // the dispatch) gets its own thread, as any other lane.
        here.ifPresent(rooms::start);
      }
    }
  }

  /**
   * One {@code /sync}; empty when rate-limited (after waiting as the server asked).
   *
   * @param atOnce ask the server not to wait: after a fresh login, and after failures (so the bot
   *     catches up, and the outage log hears it is over, without a long-poll's wait)
   */
  private Optional<JsonNode> poll(
      String filterId, Optional<String> since, boolean atOnce, boolean needFullState) {
    // The first sync after a fresh login returns at once: there is no position to wait from.
    // After a restart, full_state refills the room caches without replaying the timeline.
    Duration timeout = atOnce || needFullState ? Duration.ZERO : options.pollTimeout();
    MatrixRequest request =
        MatrixRequest.get("/_matrix/client/v3/sync")
            .withQuery("filter", filterId)
            .withQuery("timeout", Long.toString(timeout.toMillis()))
            .withTimeout(timeout.plusSeconds(30));
    if (since.isPresent()) {
      request = request.withQuery("since", since.get());
      if (needFullState) {
        request = request.withQuery("full_state", "true");
      }
    }
    var result = transport.exchange(request);
    if (result.status() == 429) {
      Duration wait = RateLimits.waitFor(result).orElse(options.backoff().delay(0));
      LOG.debug("Sync rate-limited; waiting {} ms as asked", wait.toMillis());
      pause(wait);
      return Optional.empty();
    }
    return Optional.of(HttpTransport.expectOk(request, result).json());
  }

  /**
   * Hands the missed events of each limited room to the handlers before the response's own
   * timeline: a page of each room in turn (rooms are handled in parallel, so one long gap does not
   * hold the others up), each page once the ledger has room. Returns how many events were handed
   * over, or empty when the loop is stopping.
   */
  private OptionalInt fillGaps(SyncBatch batch, String since, Set<String> seen) {
    List<TimelineGapFiller.Gap> open = new ArrayList<>();
    for (SyncBatch.JoinedRoom room : batch.joined()) {
      if (room.limited() && room.prevBatch().isPresent()) {
        open.add(gaps.gap(room.roomId(), since, room.prevBatch().get()));
      }
    }
    int handed = 0;
    while (!open.isEmpty()) {
      for (Iterator<TimelineGapFiller.Gap> it = open.iterator(); it.hasNext(); ) {
        TimelineGapFiller.Gap gap = it.next();
        if (!ledger.awaitRoom()) {
          return OptionalInt.empty();
        }
        List<String> ids = new ArrayList<>();
        List<RoomEvent> todo = fresh(gap.roomId(), nextPage(gap), false, seen, ids);
        BatchLedger.Ticket ticket =
            StateStoreFailure.around(() -> ledger.openPage(ids, todo.size()));
        submit(todo, ticket);
        handed += todo.size();
        if (gap.done()) {
          it.remove();
          caughtUp(gap);
        }
      }
    }
    return OptionalInt.of(handed);
  }

  /**
   * A gap's next page. A refusal (a room whose history the bot may not read) skips the rest of the
   * gap, said in the log; an outage or a 5xx goes up to the loop, which takes the same response in
   * again after its back-off and starts the gap over (what was handed over is not handed again).
   */
  private List<JsonNode> nextPage(TimelineGapFiller.Gap gap) {
    try {
      return gap.nextPage();
    } catch (MatrixException e) {
      int status = e.error().status();
      if (status == 429 || status >= 500) {
        throw e;
      }
      LOG.warn(
          "The homeserver would not give the events missed in {} since the last sync ({}); they"
              + " are skipped, so commands in them get no answer",
          gap.roomId(),
          e.getMessage());
      gap.abandon();
      return List.of();
    }
  }

  private static void caughtUp(TimelineGapFiller.Gap gap) {
    if (gap.fetched() >= LONG_GAP) {
      LOG.info(
          "Caught up on {} events in {} that came faster than the bot took them in",
          gap.fetched(),
          gap.roomId());
    }
  }

  private void notifyListeners(SyncBatch batch) {
    boolean allTookIt = true;
    for (SyncListener listener : listeners) {
      try {
        listener.onSync(batch);
      } catch (RuntimeException e) {
        // Said once per streak: a store outage fails it on every sync until it is over.
        listenerTrouble.failed(e);
        allTookIt = false;
      }
    }
    if (allTookIt) {
      listenerTrouble.recovered();
    }
  }

  /**
   * Hands the response's events to their rooms' lanes; returns the lane of the first event when it
   * was idle, for the caller to work (or start) itself.
   */
  private Optional<RoomSerialExecutor.Claimed> dispatch(
      SyncBatch batch, boolean historic, Set<String> seen, int gapEvents, long receivedNanos) {
    List<String> ids = new ArrayList<>();
    List<RoomEvent> todo = new ArrayList<>();
    for (SyncBatch.JoinedRoom room : batch.joined()) {
      todo.addAll(fresh(room.roomId(), room.timeline(), historic, seen, ids));
    }
    int events = gapEvents + todo.size();
    BatchLedger.Ticket ticket =
        StateStoreFailure.around(
            () -> ledger.open(batch.nextBatch(), ids, todo.size(), events, receivedNanos));
    if (todo.isEmpty()) {
      return Optional.empty();
    }
    RoomEvent first = todo.getFirst();
    Optional<RoomSerialExecutor.Claimed> claimed =
        rooms.submitClaiming(first.roomId(), () -> handle(first, ticket));
    submit(todo.subList(1, todo.size()), ticket);
    return claimed;
  }

  /**
   * The events of {@code raw} to hand over: each once per response (a back-filled gap may overlap
   * the timeline after it), none still being handled from an earlier try, none handled before.
   * Every id goes into {@code ids}.
   */
  private List<RoomEvent> fresh(
      String roomId, List<JsonNode> raw, boolean historic, Set<String> seen, List<String> ids) {
    List<RoomEvent> todo = new ArrayList<>();
    for (JsonNode json : raw) {
      RoomEvent event = RoomEvent.from(roomId, json, historic);
      if (event.eventId().isEmpty() || !seen.add(event.eventId())) {
        continue;
      }
      ids.add(event.eventId());
      if (!ledger.inFlight(event.eventId())
          && !StateStoreFailure.around(() -> store.isHandled(event.eventId()))) {
        todo.add(event);
      }
    }
    return todo;
  }

  private void submit(List<RoomEvent> todo, BatchLedger.Ticket ticket) {
    for (RoomEvent event : todo) {
      rooms.submit(event.roomId(), () -> handle(event, ticket));
    }
  }

  private void handle(RoomEvent received, BatchLedger.Ticket ticket) {
    RoomEvent event = decrypted(received);
    HandlingEvent handling = new HandlingEvent(event.eventId());
    boolean delivered =
        handling.call(() ->
            handlers.deliver(
                event,
                failure -> {
                  if (stopping) {
                    // Cut short by shutdown: it did not finish, so it runs again after the restart.
                    return false;
                  }
                  LOG.error(
                      "A handler failed on {} in {}; the event is skipped",
                      event.eventId(),
                      event.roomId(),
                      failure);
                  return true;
                }));
    if (!delivered || stopping && Thread.currentThread().isInterrupted()) {
      return;
    }
    if (!handling.recorded()) {
      // A reply's outbox write marks its command in the same commit; anything else is marked here.
      store.markHandled(event.eventId());
    }
    ticket.eventDone();
  }

  /** The event decrypted, or as received when that fails (handlers still see that it came). */
  private RoomEvent decrypted(RoomEvent received) {
    try {
      return decryptor.decrypt(received);
    } catch (RuntimeException e) {
      LOG.warn("Decrypting {} in {} failed", received.eventId(), received.roomId(), e);
      return received;
    }
  }

  /**
   * Waits {@code wait} after a failure; returns the failure count to go on with. Woken by {@link
   * #retryNow}, it goes on as after a first failure: the next attempt does not long-poll, and a new
   * failure backs off from the shortest wait.
   */
  private int retryAfter(Duration wait, int errors) {
    return switch (pause.await(wait)) {
      case ELAPSED -> errors;
      case WOKEN -> 1;
      case INTERRUPTED -> {
        Thread.currentThread().interrupt();
        stopping = true;
        yield errors;
      }
    };
  }

  private void pause(Duration wait) {
    if (pause.await(wait) == RetryPause.End.INTERRUPTED) {
      Thread.currentThread().interrupt();
      stopping = true;
    }
  }

  /** Stops polling, lets running handlers finish within the grace period, drops queued events. */
  @Override
  public void close() {
    stopping = true;
    Thread t;
    synchronized (this) {
      // Read under the lock that hands the loop over: the thread interrupted is the current one.
      t = loop;
    }
    if (t != null) {
      t.interrupt();
      try {
        t.join(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    rooms.closeWithin(options.handlerGracePeriod());
  }
}
