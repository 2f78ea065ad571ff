package cd.chatrix.bot.policy;

import cd.chatrix.bot.BotSettings.RateLimit;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Sliding-window limit of commands per user; also remembers whether the user was already told. */
public final class RateLimiter {
  /** The verdict for one command. {@code warn} is true only the first time in a window. */
  public record Verdict(boolean allowed, boolean warn) {}

  private final Map<String, Deque<Instant>> seen = new ConcurrentHashMap<>();
  private final Map<String, Instant> warned = new ConcurrentHashMap<>();

  public Verdict check(String userId, RateLimit limit, Instant now) {
    if (limit.commands() <= 0) {
      return new Verdict(true, false);
    }
    Deque<Instant> times = seen.computeIfAbsent(userId, k -> new ArrayDeque<>());
    synchronized (times) {
      Instant cutoff = now.minus(limit.window());
      while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
        times.pollFirst();
      }
      if (times.size() < limit.commands()) {
        times.addLast(now);
        warned.remove(userId);
        return new Verdict(true, false);
      }
      Instant last = warned.get(userId);
      boolean warn = last == null || !last.isAfter(cutoff);
      if (warn) {
        warned.put(userId, now);
      }
      return new Verdict(false, warn);
    }
  }
}
