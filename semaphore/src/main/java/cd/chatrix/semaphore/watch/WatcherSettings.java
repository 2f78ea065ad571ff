package cd.chatrix.semaphore.watch;

import java.time.Duration;

/**
 * Tuning of a {@link TaskWatcher}.
 *
 * @param usePush listen on /api/ws; when false only polling is used
 * @param minPollInterval per-project poll interval right after a change was seen (push down)
 * @param maxPollInterval the interval grows towards this while nothing changes (push down)
 * @param safetyPollInterval per-project poll interval while push is up, to catch messages a server
 *     dropped
 * @param reconnectMin first websocket reconnect delay; doubles (with jitter) up to {@code
 *     reconnectMax}
 * @param idleTimeout a websocket silent for this long is considered dead (Semaphore pings every 54
 *     s)
 * @param forwardLogs report websocket log lines as {@link TaskEvent.LogLine}
 */
public record WatcherSettings(
    boolean usePush,
    Duration minPollInterval,
    Duration maxPollInterval,
    Duration safetyPollInterval,
    Duration reconnectMin,
    Duration reconnectMax,
    Duration idleTimeout,
    boolean forwardLogs) {

  /**
   * Push on; polling 2 s after a change, growing to 10 s when quiet (20 projects → about 2
   * requests/s); a 60 s safety poll while push is up.
   */
  public static WatcherSettings defaults() {
    return new WatcherSettings(
        true,
        Duration.ofSeconds(2),
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        Duration.ofMillis(500),
        Duration.ofSeconds(30),
        Duration.ofSeconds(130),
        true);
  }

  public WatcherSettings withPush(boolean usePush) {
    return with(usePush, reconnectMin, reconnectMax, forwardLogs);
  }

  public WatcherSettings withPolling(Duration min, Duration max, Duration safety) {
    return new WatcherSettings(
        usePush, min, max, safety, reconnectMin, reconnectMax, idleTimeout, forwardLogs);
  }

  public WatcherSettings withReconnect(Duration min, Duration max) {
    return with(usePush, min, max, forwardLogs);
  }

  public WatcherSettings withLogs(boolean forwardLogs) {
    return with(usePush, reconnectMin, reconnectMax, forwardLogs);
  }

  /** The push side of the settings changed, the polling side kept. */
  private WatcherSettings with(boolean push, Duration rMin, Duration rMax, boolean logs) {
    return new WatcherSettings(
        push, minPollInterval, maxPollInterval, safetyPollInterval, rMin, rMax, idleTimeout, logs);
  }
}
