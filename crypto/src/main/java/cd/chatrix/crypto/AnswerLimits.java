package cd.chatrix.crypto;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What keeps answering key requests bounded: at most one answer per device and session per {@link
 * #ANSWER_INTERVAL_MS}, each request id answered once, and each outcome logged once per device and
 * session. Everything is remembered in memory only and for the most recent entries only, so a
 * device that invents request or session ids cannot grow it without bound; after a restart a device
 * may get one more answer, which is harmless.
 */
final class AnswerLimits {
  /** A device that asks again within this time is not answered again. */
  static final long ANSWER_INTERVAL_MS = 5 * 60 * 1000L;

  /** How many devices-and-sessions, request ids and log lines are remembered at most. */
  static final int REMEMBERED = 4096;

  private final Map<String, Long> answeredAt = lru();
  private final Map<String, Boolean> doneRequestIds = lru();
  private final Map<String, Boolean> logged = lru();

  /** Whether this device may be answered for this session now. */
  boolean mayAnswer(String deviceAndSession, long nowMs) {
    Long last = answeredAt.get(deviceAndSession);
    return last == null || nowMs - last >= ANSWER_INTERVAL_MS;
  }

  void answered(String deviceAndSession, String deviceAndRequestId, long nowMs) {
    answeredAt.put(deviceAndSession, nowMs);
    doneRequestIds.put(deviceAndRequestId, true);
  }

  /** A request id already answered or withdrawn. */
  boolean isDone(String deviceAndRequestId) {
    return doneRequestIds.containsKey(deviceAndRequestId);
  }

  void cancelled(String deviceAndRequestId) {
    doneRequestIds.put(deviceAndRequestId, true);
  }

  /** True the first time an outcome is seen for this device and session. */
  boolean firstTime(String deviceAndSession, String outcome) {
    return logged.put(deviceAndSession + "|" + outcome, true) == null;
  }

  private static <V> Map<String, V> lru() {
    return new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > REMEMBERED;
      }
    };
  }
}
