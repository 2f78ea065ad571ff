package cd.chatrix.semaphore.output;

import java.util.List;

/**
 * What went wrong in an Ansible run, read from its output.
 *
 * @param recap one row per host from PLAY RECAP; empty when the run ended before the recap
 */
public record AnsibleSummary(List<Failure> failures, List<HostRecap> recap) {
  public AnsibleSummary {
    failures = List.copyOf(failures);
    recap = List.copyOf(recap);
  }

  /** A task that failed (or could not reach its host), with Ansible's message. */
  public record Failure(String task, String host, String message, boolean unreachable) {}

  /** One PLAY RECAP row. */
  public record HostRecap(
      String host,
      int ok,
      int changed,
      int unreachable,
      int failed,
      int skipped,
      int rescued,
      int ignored) {
    public boolean healthy() {
      return unreachable == 0 && failed == 0;
    }
  }

  public boolean hasRecap() {
    return !recap.isEmpty();
  }

  /**
   * Hosts that failed or were unreachable, by the recap when present, else by the failures seen.
   */
  public List<String> failedHosts() {
    if (hasRecap()) {
      return recap.stream().filter(r -> !r.healthy()).map(HostRecap::host).toList();
    }
    return failures.stream().map(Failure::host).distinct().toList();
  }
}
