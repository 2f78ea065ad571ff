package cd.chatrix.semaphore.watch;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocketHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push channel's part of the outage log: one WARN when {@code /api/ws} cannot be kept open, one
 * INFO when a connection has stayed open again. A single drop that the next attempt heals is not
 * worth a line at the default level (polling catches up on what the drop missed).
 */
final class PushHealth {
  private static final Logger LOG = LoggerFactory.getLogger(PushHealth.class);

  private final String host;
  private boolean warned;
  private long downSince;

  PushHealth(String host) {
    this.host = host;
  }

  synchronized boolean troubled() {
    return warned;
  }

  synchronized void down(String why) {
    if (warned) {
      return;
    }
    warned = true;
    downSince = System.nanoTime();
    LOG.warn(
        "Semaphore at {}: its push channel (GET /api/ws) {}; runs are followed by polling until"
            + " it is back. If this lasts, check that the proxy in front of Semaphore passes"
            + " websockets",
        host,
        why);
  }

  synchronized void up() {
    if (!warned) {
      return;
    }
    warned = false;
    long seconds = (System.nanoTime() - downSince) / 1_000_000_000L;
    LOG.info(
        "Semaphore at {}: its push channel (GET /api/ws) works again after {} s", host, seconds);
  }

  /** Why a connection attempt failed, in a few words. */
  static String cannotOpen(Throwable cause) {
    if (cause instanceof WebSocketHandshakeException h) {
      int status = h.getResponse().statusCode();
      return status == 401
          ? "refuses the API token (HTTP 401); set a valid semaphore.api_token"
          : "refuses the upgrade (HTTP " + status + ")";
    }
    if (cause instanceof HttpTimeoutException) {
      return "does not answer in time";
    }
    if (cause instanceof ConnectException) {
      return "cannot be opened (connection refused)";
    }
    return "cannot be opened (" + cause.getClass().getSimpleName() + ")";
  }
}
