package cd.chatrix.bench.load;

import cd.chatrix.bench.Target;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The report on stdout: each run, then the median of the runs. */
final class LoadReport {
  private LoadReport() {}

  static String run(int index, RunResult r) {
    StringBuilder out = new StringBuilder();
    line(out, "run %d: %s", index, r.clean() ? "clean" : "PROBLEMS " + r.problems());
    line(
        out,
        "  commands: %d planned, %d sent, %d answered once, %d unanswered, %d answered twice,"
            + " %d unprompted bot messages",
        r.planned(),
        r.sent(),
        r.answeredOnce(),
        r.unanswered(),
        r.answeredTwice(),
        r.unpromptedBotMessages());
    if (r.bot().present()) {
      line(
          out,
          "  bot processing (/metrics %s): p50 %.3f ms, p99 %.3f ms, mean %.3f ms, count %d"
              + " (was %d)",
          ProcessingMetrics.NAME,
          r.bot().p50Ms(),
          r.bot().p99Ms(),
          r.bot().meanMs(),
          r.bot().count(),
          r.countBefore());
    } else {
      line(out, "  bot processing: %s not exposed by this build", ProcessingMetrics.NAME);
    }
    if (r.semaphoreWait().present()) {
      line(
          out,
          "  waiting for Semaphore/homeserver before the reply (/metrics %s): p50 %.3f ms, p99 %.3f ms",
          ProcessingMetrics.PORT_WAIT,
          r.semaphoreWait().p50Ms(),
          r.semaphoreWait().p99Ms());
    }
    BotActivity a = r.activity();
    line(
        out,
        "  bot work during the load: CPU %.2f ms/command (%.1f s in all); %d Semaphore requests"
            + " (%.2f/command, mean %.1f ms); %d syncs (mean %.1f ms to process)",
        a.cpuMs() / Math.max(1, r.sent()),
        a.cpuMs() / 1000,
        a.semaphoreRequests(),
        a.semaphoreRequests() / (double) Math.max(1, r.sent()),
        a.meanSemaphoreMs(),
        a.syncs(),
        a.meanSyncMs());
    line(
        out,
        "  bench JVM (homeserver, Semaphore simulator, senders) CPU during the load: %.1f s",
        r.benchCpuMs() / 1000);
    line(
        out,
        "  end to end (sent -> reply seen via /sync): p50 %.1f ms, p99 %.1f ms, max %.1f ms",
        r.endToEnd().p50Ms(),
        r.endToEnd().p99Ms(),
        r.endToEnd().maxMs());
    r.endToEndByCommand()
        .forEach((command, p) ->
            line(
                out,
                "    %-10s n=%-5d p50 %.1f ms, p99 %.1f ms",
                command,
                p.count(),
                p.p50Ms(),
                p.p99Ms()));
    line(
        out,
        "  throughput: %.0f commands/s (all sent in %.2f s, last reply after %.2f s)",
        r.throughput(),
        r.fireSeconds(),
        r.drainSeconds());
    line(
        out,
        "  bot RSS: idle %.0f MiB, peak during load %.0f MiB (VmHWM %.0f MiB)",
        r.rssIdleKb() / 1024.0,
        r.rssPeakKb() / 1024.0,
        r.rssHighWaterKb() / 1024.0);
    line(out, "  load average (1 min): %.2f before, %.2f after", r.loadBefore(), r.loadAfter());
    return out.toString();
  }

  static String median(List<RunResult> runs) {
    StringBuilder out = new StringBuilder();
    line(out, "median of %d run(s):", runs.size());
    line(
        out,
        "  answered once %.0f of %.0f; bot p50 %.3f ms, p99 %.3f ms (port waits p50 %.3f ms,"
            + " p99 %.3f ms); end to end p50 %.1f ms,"
            + " p99 %.1f ms; %.0f commands/s; bot CPU %.2f ms/command; RSS idle %.0f MiB, peak %.0f MiB;"
            + " load average %.2f",
        med(runs, RunResult::answeredOnce),
        med(runs, RunResult::planned),
        med(runs, r -> r.bot().p50Ms()),
        med(runs, r -> r.bot().p99Ms()),
        med(runs, r -> r.semaphoreWait().p50Ms()),
        med(runs, r -> r.semaphoreWait().p99Ms()),
        med(runs, r -> r.endToEnd().p50Ms()),
        med(runs, r -> r.endToEnd().p99Ms()),
        med(runs, RunResult::throughput),
        med(runs, r -> r.activity().cpuMs() / Math.max(1, r.sent())),
        med(runs, r -> r.rssIdleKb() / 1024.0),
        med(runs, r -> r.rssPeakKb() / 1024.0),
        med(runs, RunResult::loadAfter));
    line(out, "%s", BOT_P99.line(med(runs, r -> r.bot().p99Ms())));
    line(out, "%s", END_TO_END_P99.line(med(runs, r -> r.endToEnd().p99Ms()) / 1000));
    line(out, "%s", CPU.line(med(runs, r -> r.activity().cpuMs() / Math.max(1, r.sent()))));
    line(out, "%s", RSS_PEAK.line(med(runs, r -> r.rssPeakKb() / 1024.0)));
    return out.toString();
  }

  static final Target BOT_P99 = new Target("bot processing p99, median of runs", "ms", 5);
  static final Target END_TO_END_P99 =
      new Target("end to end (sent → reply seen) p99, median of runs", "s", 2);
  static final Target CPU = new Target("bot CPU per command, median of runs", "ms", 1);
  static final Target RSS_PEAK = new Target("bot peak RSS under load, median of runs", "MiB", 128);

  private static double med(List<RunResult> runs, ToDoubleFunction<RunResult> value) {
    return Percentiles.median(runs.stream().mapToDouble(value).toArray());
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
