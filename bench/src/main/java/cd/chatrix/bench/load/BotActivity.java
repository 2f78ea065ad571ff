package cd.chatrix.bench.load;

/**
 * Context for the processing time, from the bot's other metrics and the kernel: how many syncs and
 * Semaphore requests a run took and how long they lasted on average, and the CPU time the bot
 * process used. On a shared machine CPU time per command is steadier than any latency.
 *
 * @param syncs sync responses processed
 * @param syncSumMs their total processing time
 * @param semaphoreRequests requests to the Semaphore API
 * @param semaphoreSumMs their total latency
 * @param cpuMs user + system CPU time of the bot process
 */
record BotActivity(
    long syncs, double syncSumMs, long semaphoreRequests, double semaphoreSumMs, double cpuMs) {
  private static final String SYNC = "chatrixcd_sync_duration_seconds";
  private static final String SEMAPHORE = "chatrixcd_semaphore_request_duration_seconds";

  static BotActivity of(MetricsText metrics, double cpuMs) {
    return new BotActivity(
        (long) metrics.total(SYNC + "_count"),
        metrics.total(SYNC + "_sum") * 1000,
        (long) metrics.total(SEMAPHORE + "_count"),
        metrics.total(SEMAPHORE + "_sum") * 1000,
        cpuMs);
  }

  /** What happened between {@code before} and this. */
  BotActivity since(BotActivity before) {
    return new BotActivity(
        syncs - before.syncs,
        syncSumMs - before.syncSumMs,
        semaphoreRequests - before.semaphoreRequests,
        semaphoreSumMs - before.semaphoreSumMs,
        cpuMs - before.cpuMs);
  }

  double meanSyncMs() {
    return syncs == 0 ? Double.NaN : syncSumMs / syncs;
  }

  double meanSemaphoreMs() {
    return semaphoreRequests == 0 ? Double.NaN : semaphoreSumMs / semaphoreRequests;
  }
}
