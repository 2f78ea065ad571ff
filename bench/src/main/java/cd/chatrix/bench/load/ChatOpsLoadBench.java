package cd.chatrix.bench.load;

import java.util.ArrayList;
import java.util.List;

/**
 * The ChatOps load bench (BENCHMARKS.md, "ChatOps load"): 50 rooms × 20 people send read commands
 * at once to the real bot running as its own process; every command must be answered exactly once.
 * Reports the bot's own processing time (its {@code /metrics} Summary), the end-to-end latency
 * people see, the throughput and the bot's RSS. Exits 1 when any command went unanswered or was
 * answered twice, 2 on bad options.
 *
 * <p>Run it with {@code bench/run-load.sh}, which builds the app and sets the class path.
 */
public final class ChatOpsLoadBench {
  private ChatOpsLoadBench() {}

  public static void main(String[] args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    System.out.printf(
        "ChatOps load: %d rooms x %d people x %d commands = %d commands, %d run(s), %d cores;"
            + " mix %s%n",
        options.rooms(),
        options.usersPerRoom(),
        options.commandsPerUser(),
        options.commands(),
        options.runs(),
        Runtime.getRuntime().availableProcessors(),
        options.mix());
    List<RunResult> results = new ArrayList<>();
    for (int i = 1; i <= options.runs(); i++) {
      int run = i;
      RunResult result =
          new LoadRun(options, line -> System.err.println("[run " + run + "] " + line)).execute();
      results.add(result);
      System.out.print(LoadReport.run(run, result));
      System.out.flush();
    }
    System.out.print(LoadReport.median(results));
    boolean clean = results.stream().allMatch(RunResult::clean);
    System.exit(clean ? 0 : 1);
  }
}
