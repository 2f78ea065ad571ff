package cd.chatrix.bot.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnsibleSummaryTest {
  @Test
  void failedTasksHostsAndRecap() {
    var s =
        AnsibleSummary.of(
            List.of(
                "PLAY [all] ********",
                "TASK [Gathering Facts] ****",
                "ok: [db1]",
                "fatal: [web2]: UNREACHABLE! => {\"changed\": false, \"msg\": \"Failed to connect to the host via ssh\", \"unreachable\": true}",
                "TASK [Restart app] *******",
                "\u001b[0;31mfailed: [db1] (item=app) => {\"msg\": \"Unit app.service not found.\"}\u001b[0m",
                "",
                "PLAY RECAP *********",
                "db1    : ok=1    changed=0    unreachable=0    failed=1    skipped=0",
                "web2   : ok=0    changed=0    unreachable=1    failed=0    skipped=0",
                "",
                "Task finished"));
    assertThat(s.failures())
        .containsExactly(
            new AnsibleSummary.Failure(
                "Gathering Facts", "web2", "Failed to connect to the host via ssh"),
            new AnsibleSummary.Failure("Restart app", "db1", "Unit app.service not found."));
    assertThat(s.recap())
        .containsExactly(
            "db1 : ok=1 changed=0 unreachable=0 failed=1 skipped=0",
            "web2 : ok=0 changed=0 unreachable=1 failed=0 skipped=0");
    assertThat(s.tail()).isEmpty();
  }

  @Test
  void aFailingHandlerIsNamedAsTheHandler() {
    var s =
        AnsibleSummary.of(
            List.of(
                "TASK [Deploy config] ****",
                "changed: [web1]",
                "RUNNING HANDLER [Restart nginx] ****",
                "fatal: [web1]: FAILED! => {\"changed\": false, \"msg\": \"nginx: config test failed\"}",
                "PLAY RECAP ****",
                "web1 : ok=1 changed=1 unreachable=0 failed=1 skipped=0"));
    assertThat(s.failures())
        .containsExactly(
            new AnsibleSummary.Failure("Restart nginx", "web1", "nginx: config test failed"));
  }

  @Test
  void aFailureAnsibleIgnoresIsNotReported() {
    var s =
        AnsibleSummary.of(
            List.of(
                "TASK [Check for an old release] ****",
                "fatal: [web1]: FAILED! => {\"changed\": false, \"msg\": \"no such file\"}",
                "...ignoring",
                "fatal: [web2]: FAILED! => {\"changed\": false, \"msg\": \"no such file\"}",
                "...ignoring",
                "TASK [Migrate] ****",
                "fatal: [db1]: FAILED! => {\"changed\": false, \"msg\": \"lock timeout\"}",
                "PLAY RECAP ****",
                "db1 : ok=1 changed=0 unreachable=0 failed=1 skipped=0 rescued=0 ignored=0",
                "web1 : ok=1 changed=0 unreachable=0 failed=0 skipped=0 rescued=0 ignored=1"));
    assertThat(s.failures())
        .containsExactly(new AnsibleSummary.Failure("Migrate", "db1", "lock timeout"));
    assertThat(s.recap()).hasSize(2);
  }

  @Test
  void terraformErrorsAreQuoted() {
    var s =
        AnsibleSummary.of(
            List.of("Planning...", "│ Error: Invalid provider configuration", "│ ", "done"));
    assertThat(s.tail()).containsExactly("Error: Invalid provider configuration");
  }

  @Test
  void otherwiseTheLastLines() {
    var lines = new ArrayList<String>();
    for (int i = 0; i < 40; i++) {
      lines.add("step " + i);
    }
    var s = AnsibleSummary.of(lines);
    assertThat(s.tail()).hasSize(15).endsWith("step 39");
  }

  @Test
  void emptyOutputGivesEmptySummary() {
    assertThat(AnsibleSummary.of(List.of()).isEmpty()).isTrue();
  }
}
