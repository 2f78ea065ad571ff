package cd.chatrix.testkit.semaphore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a simulated task does after it is queued: a list of steps run one after another on a virtual
 * thread. The ready-made scripts produce realistic output (ANSI colour codes included, as Semaphore
 * runs Ansible with ANSIBLE_FORCE_COLOR).
 */
public record RunScript(List<Step> steps) {
  public RunScript {
    steps = List.copyOf(steps);
  }

  /** One step of a script. */
  public sealed interface Step {}

  /** Change the status (emits a websocket update). */
  public record Status(String status) implements Step {}

  /** Append output lines (each emits a websocket log message). */
  public record Log(List<String> lines) implements Step {
    public Log {
      lines = List.copyOf(lines);
    }
  }

  /** Append {@code count} generated lines. */
  public record Burst(int count) implements Step {}

  public record Pause(Duration duration) implements Step {}

  /** Set waiting_confirmation and wait for {@code POST /confirm}. */
  public record AwaitConfirmation() implements Step {}

  /** Wait until a test calls {@link SemaphoreSimulator#release(int)} or the task is stopped. */
  public record Hold() implements Step {}

  private static final String GREEN = "\u001b[0;32m";
  private static final String RED = "\u001b[0;31m";
  private static final String YELLOW = "\u001b[0;33m";
  private static final String RESET = "\u001b[0m";

  public static RunScript success() {
    return new RunScript(
        List.of(
            new Status("starting"),
            new Status("running"),
            new Log(
                List.of(
                    "",
                    "PLAY [all] *********************************************************************",
                    "",
                    "TASK [Gathering Facts] *********************************************************",
                    GREEN + "ok: [web1]" + RESET,
                    "",
                    "TASK [deploy : copy release] ***************************************************",
                    YELLOW + "changed: [web1]" + RESET,
                    "",
                    "PLAY RECAP *********************************************************************",
                    recap("web1", 2, 1, 0))),
            new Status("success")));
  }

  public static RunScript ansibleFailure() {
    return new RunScript(
        List.of(
            new Status("starting"),
            new Status("running"),
            new Log(
                List.of(
                    "PLAY [webservers] **************************************************************",
                    "",
                    "TASK [Gathering Facts] *********************************************************",
                    GREEN + "ok: [web1]" + RESET,
                    GREEN + "ok: [web2]" + RESET,
                    "",
                    "TASK [nginx : restart nginx] ***************************************************",
                    YELLOW + "changed: [web1]" + RESET,
                    RED
                        + "fatal: [web2]: FAILED! => {\"changed\": false, \"msg\": \"Unable to restart service"
                        + " nginx: Job for nginx.service failed\"}"
                        + RESET,
                    "",
                    "PLAY RECAP *********************************************************************",
                    recap("web1", 2, 1, 0),
                    recap("web2", 1, 0, 1))),
            new Status("error")));
  }

  /**
   * A PLAY RECAP line as Ansible colours it: the host in the colour of its worst outcome, each
   * count that is not zero in its own (ok green, changed yellow, failed red), counts padded to four
   * ({@code hostcolor} and {@code colorize} in ansible's {@code lib/ansible/utils/color.py}, used
   * by the default callback's {@code v2_playbook_on_stats}).
   */
  private static String recap(String host, int ok, int changed, int failed) {
    String hostColour = failed > 0 ? RED : changed > 0 ? YELLOW : GREEN;
    return hostColour
        + host
        + RESET
        + " ".repeat(27 - host.length())
        + ": "
        + count("ok", ok, GREEN)
        + " "
        + count("changed", changed, YELLOW)
        + " "
        + count("unreachable", 0, RED)
        + " "
        + count("failed", failed, RED)
        + " skipped=0    rescued=0    ignored=0";
  }

  private static String count(String name, int n, String colour) {
    String field = name + "=" + String.format("%-4d", n);
    return n > 0 ? colour + field + RESET : field;
  }

  /** A Terraform run that plans, waits for confirmation, then applies. */
  public static RunScript waitingConfirmation() {
    return new RunScript(
        List.of(
            new Status("starting"),
            new Status("running"),
            new Log(
                List.of(
                    "Terraform will perform the following actions:",
                    "  # aws_instance.web will be created",
                    "\u001b[1mPlan:\u001b[0m 2 to add, 1 to change, 0 to destroy.")),
            new AwaitConfirmation(),
            new Status("running"),
            new Log(
                List.of(
                    "\u001b[0m\u001b[1m\u001b[32mApply complete! Resources: 2 added, 1 changed, 0 destroyed.")),
            new Status("success")));
  }

  /** Runs until released or stopped. */
  public static RunScript longRunning() {
    return new RunScript(
        List.of(
            new Status("starting"),
            new Status("running"),
            new Log(
                List.of(
                    "TASK [wait for it] *************************************************************")),
            new Hold(),
            new Status("success")));
  }

  public static RunScript largeOutput(int lines) {
    List<Step> steps = new ArrayList<>();
    steps.add(new Status("starting"));
    steps.add(new Status("running"));
    steps.add(new Burst(lines));
    steps.add(new Status("success"));
    return new RunScript(steps);
  }

  /**
   * Output that arrives over time: {@code batches} groups of {@code perBatch} numbered lines (see
   * {@link #trickleLines}), {@code pause} apart, then success. For streaming tests that check no
   * line is lost or reordered.
   */
  public static RunScript trickle(int batches, int perBatch, Duration pause) {
    List<String> lines = trickleLines(batches, perBatch);
    List<Step> steps = new ArrayList<>();
    steps.add(new Status("starting"));
    steps.add(new Status("running"));
    for (int b = 0; b < batches; b++) {
      if (b > 0) {
        steps.add(new Pause(pause));
      }
      steps.add(new Log(lines.subList(b * perBatch, (b + 1) * perBatch)));
    }
    steps.add(new Status("success"));
    return new RunScript(steps);
  }

  /** The lines {@link #trickle} prints, in order: {@code step 0001 of 0120: ok [web1]}, … */
  public static List<String> trickleLines(int batches, int perBatch) {
    int total = batches * perBatch;
    List<String> lines = new ArrayList<>(total);
    for (int i = 1; i <= total; i++) {
      lines.add(String.format("step %04d of %04d: ok [web%d]", i, total, i % 3 + 1));
    }
    return List.copyOf(lines);
  }
}
