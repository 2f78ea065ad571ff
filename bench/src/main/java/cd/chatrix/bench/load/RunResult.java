package cd.chatrix.bench.load;

import java.util.List;
import java.util.Map;

/**
 * What one run measured.
 *
 * @param planned commands the bench meant to send
 * @param sent commands the homeserver accepted
 * @param sendFailures sends that failed (with a few messages in {@code problems})
 * @param answeredOnce commands with exactly one reply
 * @param unanswered commands with no reply by the deadline
 * @param answeredTwice commands with more than one reply
 * @param unpromptedBotMessages bot messages replying to nothing
 * @param gaps timelines the homeserver cut short for the observer (replies could hide in one)
 * @param endToEnd command sent → reply seen through /sync, over all answered commands
 * @param endToEndByCommand the same per command word
 * @param fireSeconds first send → last send accepted
 * @param drainSeconds first send → last first-reply seen
 * @param throughput answered commands per second over {@code drainSeconds}
 * @param bot the bot's own processing time from /metrics, after the load
 * @param countBefore the Summary's count before the load (0 on a fresh bot)
 * @param activity syncs, Semaphore requests and CPU time of the bot during the load
 * @param benchCpuMs CPU time of the bench JVM (homeserver, simulator, senders) during the load
 * @param rssIdleKb VmRSS after joining all rooms, before the load
 * @param rssPeakKb largest VmRSS sampled every 200 ms during the load
 * @param rssHighWaterKb VmHWM at the end (the kernel's peak since the bot started)
 * @param loadBefore 1-minute load average before the load
 * @param loadAfter 1-minute load average when the last reply came
 * @param problems anything that makes the run suspect, in words
 */
record RunResult(
    int planned,
    int sent,
    long sendFailures,
    int answeredOnce,
    int unanswered,
    int answeredTwice,
    long unpromptedBotMessages,
    long gaps,
    Percentiles endToEnd,
    Map<String, Percentiles> endToEndByCommand,
    double fireSeconds,
    double drainSeconds,
    double throughput,
    ProcessingMetrics bot,
    ProcessingMetrics semaphoreWait,
    long countBefore,
    BotActivity activity,
    double benchCpuMs,
    long rssIdleKb,
    long rssPeakKb,
    long rssHighWaterKb,
    double loadBefore,
    double loadAfter,
    List<String> problems) {

  /** Every command answered exactly once and the bot counted them all. */
  boolean clean() {
    return problems.isEmpty();
  }
}
