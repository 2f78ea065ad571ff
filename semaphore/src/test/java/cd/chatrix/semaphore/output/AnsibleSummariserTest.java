package cd.chatrix.semaphore.output;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.testkit.semaphore.RunScript;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnsibleSummariserTest {

  private static List<String> logOf(RunScript script) {
    return script.steps().stream()
        .filter(s -> s instanceof RunScript.Log)
        .flatMap(s -> ((RunScript.Log) s).lines().stream())
        .toList();
  }

  @Test
  void findsTheFailedTaskHostAndRecap() {
    AnsibleSummary summary = AnsibleSummariser.summarise(logOf(RunScript.ansibleFailure()));
    assertThat(summary.failures())
        .singleElement()
        .satisfies(f -> {
          assertThat(f.task()).isEqualTo("nginx : restart nginx");
          assertThat(f.host()).isEqualTo("web2");
          assertThat(f.message()).startsWith("Unable to restart service nginx");
          assertThat(f.unreachable()).isFalse();
        });
    assertThat(summary.recap())
        .extracting(AnsibleSummary.HostRecap::host)
        .containsExactly("web1", "web2");
    assertThat(summary.recap().get(1).failed()).isEqualTo(1);
    assertThat(summary.failedHosts()).containsExactly("web2");
  }

  @Test
  void ignoredFailuresAndUnreachableHosts() {
    AnsibleSummary summary =
        AnsibleSummariser.summarise(
            List.of(
                "TASK [probe] ***",
                "fatal: [db1]: FAILED! => {\"msg\": \"nope\"}",
                "...ignoring",
                "TASK [connect] ***",
                "fatal: [db2]: UNREACHABLE! => {\"changed\": false, \"msg\": \"ssh timed out\", \"unreachable\": true}"));
    assertThat(summary.failures())
        .singleElement()
        .satisfies(f -> {
          assertThat(f.host()).isEqualTo("db2");
          assertThat(f.unreachable()).isTrue();
          assertThat(f.message()).isEqualTo("ssh timed out");
        });
    assertThat(summary.hasRecap()).isFalse();
    assertThat(summary.failedHosts()).containsExactly("db2");
  }

  @Test
  void aCleanRunHasNoFailures() {
    AnsibleSummary summary = AnsibleSummariser.summarise(logOf(RunScript.success()));
    assertThat(summary.failures()).isEmpty();
    assertThat(summary.recap())
        .singleElement()
        .satisfies(r -> assertThat(r.changed()).isEqualTo(1));
    assertThat(summary.failedHosts()).isEmpty();
  }
}
