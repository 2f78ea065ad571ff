package cd.chatrix.semaphore.watch;

import cd.chatrix.semaphore.SemaphoreClient;
import cd.chatrix.semaphore.model.TaskStatus;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps a connection to {@code /api/ws} open: connects with the client's Bearer token, parses
 * frames into {@link PushMessage}s, and reconnects after drops with exponential back-off and full
 * jitter (so many bots do not reconnect in step after a Semaphore restart). A connection silent for
 * longer than the idle timeout is treated as dead.
 */
public final class PushListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PushListener.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Receives messages and connection changes, on the listener's own thread. */
  public interface Handler {
    void connected();

    void disconnected(String reason);

    void message(PushMessage message);
  }

  private final SemaphoreClient client;
  private final Handler handler;
  private final Duration reconnectMin;
  private final Duration reconnectMax;
  private final Duration idleTimeout;
  private final Thread loop;
  private volatile boolean closed;
  private volatile WebSocket socket;
  private volatile long lastFrameNanos;
  private final PushHealth health;

  /** A connection that stays open this long counts as working again. */
  static final Duration STABLE = Duration.ofSeconds(1);

  public PushListener(
      SemaphoreClient client,
      Handler handler,
      Duration reconnectMin,
      Duration reconnectMax,
      Duration idleTimeout) {
    this.client = client;
    this.handler = handler;
    this.reconnectMin = reconnectMin;
    this.reconnectMax = reconnectMax;
    this.idleTimeout = idleTimeout;
    this.loop = Thread.ofVirtual().name("semaphore-push").unstarted(this::run);
    this.health = new PushHealth(client.settings().url().toString());
  }

  /** Whether the listener has warned about the push channel and not yet seen it work again. */
  public boolean troubled() {
    return health.troubled();
  }

  public void start() {
    loop.start();
  }

  /** Aborts the current connection (as a network cut would); the listener reconnects. */
  public void abortConnection() {
    WebSocket ws = socket;
    if (ws != null) {
      ws.abort();
    }
  }

  private void run() {
    int failures = 0;
    while (!closed) {
      CompletableFuture<String> ended = new CompletableFuture<>();
      try {
        WebSocket ws = client.connectPush(new Frames(ended)).get(30, TimeUnit.SECONDS);
        socket = ws;
        long connectedAt = System.nanoTime();
        lastFrameNanos = connectedAt;
        handler.connected();
        String reason = awaitEnd(ended, ws, connectedAt);
        socket = null;
        if (closed) {
          return;
        }
        boolean stable = System.nanoTime() - connectedAt >= STABLE.toNanos();
        // Semaphore's hub drops a client whose 256-message buffer is full (a burst of task output
        // while we were busy): a channel that delivered messages and was then cut works, it was
        // only outrun. Polling covers the gap; it is no sign of a proxy that blocks websockets.
        boolean delivered = lastFrameNanos != connectedAt;
        // A socket cut right after it opened, before any message, is a failure too: back off as
        // for a refusal.
        failures = stable || delivered ? 0 : failures + 1;
        if (stable) {
          LOG.debug("Semaphore push connection lost ({}); reconnecting", reason);
        } else if (delivered) {
          LOG.debug(
              "Semaphore cut the push connection after it delivered ({}); reconnecting", reason);
        } else if (failures >= 2) {
          // Once can be a restart or a proxy reload; twice running is a pattern worth a warning.
          health.down("keeps closing right after it opens (" + reason + ")");
        } else {
          LOG.debug("Semaphore push connection closed right after opening ({})", reason);
        }
        handler.disconnected(reason);
      } catch (InterruptedException e) {
        return;
      } catch (java.util.concurrent.ExecutionException | TimeoutException | RuntimeException e) {
        if (closed) {
          return;
        }
        failures++;
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        LOG.debug("Semaphore push connection failed ({}): {}", failures, cause.toString());
        health.down(PushHealth.cannotOpen(cause));
        if (failures == 1) {
          handler.disconnected("could not connect: " + cause);
        }
      }
      if (!sleep(backoff(Math.max(failures, 1)))) {
        return;
      }
    }
  }

  private String awaitEnd(CompletableFuture<String> ended, WebSocket ws, long connectedAt)
      throws InterruptedException {
    while (!closed) {
      try {
        return ended.get(250, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        long now = System.nanoTime();
        if (now - connectedAt >= STABLE.toNanos()) {
          health.up();
        }
        if (now - lastFrameNanos > idleTimeout.toNanos()) {
          ws.abort();
          return "no frames for " + idleTimeout.toSeconds() + " s";
        }
      } catch (java.util.concurrent.ExecutionException e) {
        return String.valueOf(e.getCause());
      }
    }
    return "closed";
  }

  private Duration backoff(int failures) {
    long cap =
        Math.min(reconnectMax.toMillis(), reconnectMin.toMillis() << Math.min(failures - 1, 16));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(Math.max(1, cap / 2), cap + 1));
  }

  private boolean sleep(Duration d) {
    try {
      Thread.sleep(d);
      return !closed;
    } catch (InterruptedException e) {
      return false;
    }
  }

  @Override
  public void close() {
    closed = true;
    WebSocket ws = socket;
    if (ws != null) {
      ws.abort();
    }
    Loops.stop(loop);
  }

  /** Reassembles text frames and turns them into messages. */
  private final class Frames implements WebSocket.Listener {
    private final CompletableFuture<String> ended;
    private final StringBuilder partial = new StringBuilder();

    Frames(CompletableFuture<String> ended) {
      this.ended = ended;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      lastFrameNanos = System.nanoTime();
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        parse(text).ifPresent(handler::message);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
      lastFrameNanos = System.nanoTime();
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      ended.complete("closed by Semaphore (" + statusCode + ")");
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      ended.complete("connection lost: " + error);
    }
  }

  /** Parses one frame; frames of unknown type or shape are skipped. */
  static Optional<PushMessage> parse(String text) {
    JsonNode n;
    try {
      n = JSON.readTree(text);
    } catch (JacksonException e) {
      return Optional.empty();
    }
    int project = n.path("project_id").asInt(0);
    int task = n.path("task_id").asInt(0);
    if (task == 0) {
      return Optional.empty();
    }
    return switch (n.path("type").asString("")) {
      case "update" ->
          Optional.of(
              new PushMessage.Update(
                  project,
                  task,
                  n.path("template_id").asInt(0),
                  TaskStatus.parse(n.path("status").asString("")),
                  time(n, "start"),
                  time(n, "end")));
      case "log" ->
          Optional.of(
              new PushMessage.Log(
                  project,
                  task,
                  time(n, "time").orElse(Instant.now()),
                  n.path("output").asString("")));
      default -> Optional.empty();
    };
  }

  private static Optional<Instant> time(JsonNode n, String key) {
    JsonNode v = n.get(key);
    if (v == null || !v.isString() || v.asString().startsWith("0001-")) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(v.asString()).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
