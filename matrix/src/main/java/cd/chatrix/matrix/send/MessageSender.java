package cd.chatrix.matrix.send;

import cd.chatrix.matrix.http.Backoff;
import cd.chatrix.matrix.http.HttpResult;
import cd.chatrix.matrix.http.HttpTransport;
import cd.chatrix.matrix.http.Json;
import cd.chatrix.matrix.http.MatrixException;
import cd.chatrix.matrix.http.MatrixRequest;
import cd.chatrix.matrix.http.Passing;
import cd.chatrix.matrix.http.RateLimits;
import cd.chatrix.matrix.http.ReloginRequiredException;
import cd.chatrix.matrix.http.Sleeper;
import cd.chatrix.matrix.sync.HandlingEvent;
import cd.chatrix.matrix.sync.RoomLanes;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/**
 * Sends room events in order per room. Each send gets its transaction id when it is handed over and
 * is written to the outbox then, on the caller's thread, before the call returns; the room's lane
 * delivers it later (encrypting it at that moment) and removes it once the server confirmed it. A
 * caller never waits for the homeserver unless it waits on the returned future. Network failures
 * and 5xx answers are retried with the same id until the send goes through (the homeserver
 * de-duplicates by id), so a message is never posted twice. A 429 waits as long as the server asks.
 * Answers that say the request itself is wrong (4xx) fail the returned future; a 404/405 {@code
 * M_UNRECOGNIZED} does so only after {@link #MAX_UNRECOGNIZED} tries, since a proxy or an upgrade
 * says it for a while.
 */
public final class MessageSender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MessageSender.class);

  /** How many "unrecognized" answers a send rides out before it is reported as refused. */
  static final int MAX_UNRECOGNIZED = 10;

  /**
   * Sends a room may have waiting before a new one waits for its turn: when the homeserver takes
   * messages slower than the bot writes them, the writers slow down (and the sync loop behind them)
   * instead of the queue growing in memory.
   */
  static final int MAX_WAITING_PER_ROOM = 64;

  /** Set while a lane delivers: what that delivery's callbacks send must not wait for its lane. */
  private static final ThreadLocal<Boolean> DELIVERING = ThreadLocal.withInitial(() -> false);

  private final HttpTransport transport;
  private final OutboxStore outbox;
  private final Predicate<String> roomEncrypted;
  private final Backoff backoff;
  private final Sleeper sleeper;
  private final RoomLanes lanes = new RoomLanes("send-");
  private final Map<String, Semaphore> turns = new ConcurrentHashMap<>();
  private final String txnPrefix = newTxnPrefix();
  private final AtomicLong txnCounter = new AtomicLong();
  private final java.util.concurrent.atomic.AtomicInteger queued =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile Optional<OutgoingEventEncryptor> encryptor = Optional.empty();
  private volatile boolean closed;

  public MessageSender(
      HttpTransport transport,
      OutboxStore outbox,
      Predicate<String> roomEncrypted,
      Backoff backoff,
      Sleeper sleeper) {
    this.transport = transport;
    this.outbox = outbox;
    this.roomEncrypted = roomEncrypted;
    this.backoff = backoff;
    this.sleeper = sleeper;
  }

  public void setEncryptor(OutgoingEventEncryptor newEncryptor) {
    this.encryptor = Optional.of(newEncryptor);
  }

  /** Sends a message (built with {@link MessageContent}); completes with the event id. */
  public CompletableFuture<String> sendMessage(String roomId, ObjectNode content) {
    return send(roomId, "m.room.message", content);
  }

  public CompletableFuture<String> react(String roomId, String eventId, String key) {
    return send(roomId, "m.reaction", MessageContent.reaction(eventId, key));
  }

  public CompletableFuture<String> edit(
      String roomId, String originalEventId, MessageContent replacement) {
    return send(roomId, "m.room.message", replacement.buildEditOf(originalEventId));
  }

  /**
   * Sends any room event; encrypted rooms get it through the encryptor. The send is in the outbox
   * when this returns (with its transaction id and the event being handled on this thread as its
   * cause); the future completes once the homeserver confirmed it.
   */
  public CompletableFuture<String> send(String roomId, String type, ObjectNode content) {
    return take(roomId, new PendingSend.Event(type), content);
  }

  /** Redacts an event; redactions are never encrypted. */
  public CompletableFuture<String> redact(String roomId, String eventId, Optional<String> reason) {
    ObjectNode body = Json.object();
    reason.ifPresent(r -> body.put("reason", r));
    return take(roomId, new PendingSend.Redaction(eventId), body);
  }

  /**
   * Sends whatever an earlier run left in the outbox, each with its original transaction id. Call
   * once at start-up, before new sends.
   */
  public CompletableFuture<Void> resendPending() {
    CompletableFuture<?>[] all =
        outbox.pending().stream()
            .map(p -> enqueue(p.roomId(), () -> deliver(p), unbounded()))
            .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(all);
  }

  /** Records the send in the outbox on the caller's thread, then queues its delivery. */
  private CompletableFuture<String> take(
      String roomId, PendingSend.Target target, ObjectNode content) {
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("the sender is closed"));
    }
    // Empty when the sender closed (or the caller was interrupted) while waiting; a close after
    // the place was taken is enqueue's to see, and it gives the place back.
    Optional<Semaphore> turn = awaitTurn(roomId);
    if (turn.isEmpty()) {
      return CompletableFuture.failedFuture(new IllegalStateException("the sender is closed"));
    }
    PendingSend send;
    try {
      send =
          new PendingSend(
              nextTxnId(),
              roomId,
              target,
              Json.MAPPER.writeValueAsString(content),
              HandlingEvent.current());
      if (outbox.add(send)) {
        HandlingEvent.recordedAsHandled();
      }
    } catch (RuntimeException e) {
      turn.get().release();
      return CompletableFuture.failedFuture(e);
    }
    return enqueue(roomId, () -> deliver(send), turn.get());
  }

  /**
   * Waits until the room has fewer than {@link #MAX_WAITING_PER_ROOM} sends waiting, and takes a
   * place; empty when the sender closes or the caller is interrupted meanwhile. A send made from a
   * delivery's own callback does not wait: its lane cannot move on until that callback returns.
   */
  private Optional<Semaphore> awaitTurn(String roomId) {
    if (DELIVERING.get()) {
      return Optional.of(unbounded());
    }
    Semaphore turn = turns.computeIfAbsent(roomId, id -> new Semaphore(MAX_WAITING_PER_ROOM));
    try {
      while (!turn.tryAcquire(1, TimeUnit.SECONDS)) {
        if (closed) {
          return Optional.empty();
        }
      }
      return Optional.of(turn);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * The request as it leaves now: room events of an encrypted room are encrypted here, at delivery.
   * Everything else goes out with the body exactly as the outbox holds it, which the sender wrote
   * from the caller's JSON: read back only to be written again, it would cost a parse and a
   * serialization on every reply's way out.
   */
  private MatrixRequest request(PendingSend send) {
    String room = room(send.roomId());
    String txn = MatrixRequest.segment(send.txnId());
    RawValue asStored = new RawValue(send.bodyJson());
    return switch (send.target()) {
      case PendingSend.Event e when roomEncrypted.test(send.roomId()) -> {
        OutgoingEvent event =
            encrypt(
                send.roomId(),
                new OutgoingEvent(e.type(), (ObjectNode) Json.MAPPER.readTree(send.bodyJson())));
        yield MatrixRequest.putJson(
            room + "/send/" + MatrixRequest.segment(event.type()) + "/" + txn, event.content());
      }
      case PendingSend.Event e ->
          MatrixRequest.putJson(
              room + "/send/" + MatrixRequest.segment(e.type()) + "/" + txn, asStored);
      case PendingSend.Redaction r ->
          MatrixRequest.putJson(
              room + "/redact/" + MatrixRequest.segment(r.eventId()) + "/" + txn, asStored);
      case PendingSend.Prepared p -> MatrixRequest.putJson(p.path(), asStored);
    };
  }

  private OutgoingEvent encrypt(String roomId, OutgoingEvent event) {
    return encryptor
        .orElseThrow(() ->
            new IllegalStateException(
                "Room "
                    + roomId
                    + " is encrypted but encryption is not available; the message was not"
                    + " sent in clear text."))
        .encrypt(roomId, event);
  }

  private String deliver(PendingSend send) {
    MatrixRequest request = prepare(send).retrySafe(true);
    int unrecognized = 0;
    for (int attempt = 0; ; attempt++) {
      Duration wait = backoff.delay(attempt);
      HttpResult result;
      try {
        result = transport.exchange(request);
      } catch (ReloginRequiredException e) {
        throw e;
      } catch (RuntimeException e) {
        // Besides the transport's own failures: a token renewal or a new login below the send
        // that met the same outage.
        if (!Passing.failure(e)) {
          throw e;
        }
        LOG.debug(
            "Sending to {} failed ({}); retrying with the same transaction id",
            send.roomId(),
            e.getMessage());
        pauseBeforeRetry(wait);
        continue;
      }
      if (result.ok()) {
        outbox.remove(send.txnId());
        return Json.text(result.json(), "event_id");
      }
      boolean passing =
          Passing.status(result.error())
              && (!isUnrecognized(result) || ++unrecognized < MAX_UNRECOGNIZED);
      if (!passing) {
        // A server that took sends a moment ago and then "does not know" the endpoint is being
        // upgraded or its proxy is misrouted; one that keeps saying so is reported after a while.
        outbox.remove(send.txnId());
        throw new MatrixException(request.toString(), result.error());
      }
      if (result.status() == 429) {
        wait = RateLimits.waitFor(result).orElse(wait);
      }
      // The transport's outage log says once that sends fail; this is per attempt.
      LOG.debug(
          "Sending to {} got HTTP {}; retrying with the same transaction id",
          send.roomId(),
          result.status());
      pauseBeforeRetry(wait);
    }
  }

  /**
   * Encrypts once per delivery; every retry below repeats the same bytes. An encryption that fails
   * for a passing reason (the key query or share met an outage) is tried again; one that cannot
   * succeed drops the send from the outbox, as a refused send is.
   */
  private MatrixRequest prepare(PendingSend send) {
    for (int attempt = 0; ; attempt++) {
      try {
        return request(send);
      } catch (ReloginRequiredException e) {
        throw e;
      } catch (RuntimeException e) {
        if (!Passing.failure(e)) {
          outbox.remove(send.txnId());
          throw e;
        }
        LOG.debug("Preparing a send to {} failed ({}); retrying", send.roomId(), e.getMessage());
        pauseBeforeRetry(backoff.delay(attempt));
      }
    }
  }

  private void pauseBeforeRetry(Duration wait) {
    if (closed) {
      throw new IllegalStateException(
          "The sender closed before the server confirmed the send;"
              + " it stays in the outbox and is sent again at the next start.");
    }
    sleeper.sleep(wait);
  }

  private static boolean isUnrecognized(HttpResult result) {
    return (result.status() == 404 || result.status() == 405)
        && result.error().is("M_UNRECOGNIZED");
  }

  /** A place outside the bound (releasing it frees nothing): for sends that must not wait. */
  private static Semaphore unbounded() {
    return new Semaphore(0);
  }

  /** Queues {@code job} on the room's lane; {@code turn} is released once it has run. */
  private <T> CompletableFuture<T> enqueue(
      String roomId, java.util.concurrent.Callable<T> job, Semaphore turn) {
    if (closed) {
      turn.release();
      return CompletableFuture.failedFuture(new IllegalStateException("the sender is closed"));
    }
    CompletableFuture<T> future = new CompletableFuture<>();
    queued.incrementAndGet();
    try {
      lanes.execute(
          roomId,
          () -> {
            DELIVERING.set(true);
            try {
              T result = job.call();
              turn.release();
              future.complete(result);
            } catch (Exception e) {
              turn.release();
              future.completeExceptionally(e);
            } finally {
              DELIVERING.set(false);
              queued.decrementAndGet();
            }
          });
    } catch (RuntimeException e) {
      queued.decrementAndGet();
      turn.release();
      throw e;
    }
    handOverCarrier();
    return future;
  }

  /**
   * Lets the lane that was just handed a send run before the rest of the caller: a virtual thread
   * yields its carrier, and the lane's thread, queued on that carrier, takes it at once instead of
   * waiting for an idle carrier to wake up (on a busy machine, a wait for the OS to schedule it).
   * So a command's reply leaves before the handler's own work after it (its metrics, the sync
   * position). A platform thread (start-up's resend) goes on as it was.
   */
  private static void handOverCarrier() {
    if (Thread.currentThread().isVirtual()) {
      Thread.yield();
    }
  }

  /**
   * Sends taken but not yet finished: waiting in a room's lane, or being sent and retried until the
   * server confirms. A number that keeps growing means the homeserver is not taking messages.
   */
  public int queued() {
    return queued.get();
  }

  private String nextTxnId() {
    return txnPrefix + "." + txnCounter.incrementAndGet();
  }

  private static String room(String roomId) {
    return "/_matrix/client/v3/rooms/" + MatrixRequest.segment(roomId);
  }

  private static String newTxnPrefix() {
    byte[] random = new byte[8];
    new SecureRandom().nextBytes(random);
    return "ccd" + System.currentTimeMillis() + HexFormat.of().formatHex(random);
  }

  /** Stops taking sends; waits briefly for queued ones. Unconfirmed sends stay in the outbox. */
  @Override
  public void close() {
    closed = true;
    lanes.close();
  }
}
