package cd.chatrix.semaphore.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TerraformSummaryTest {

  @Test
  void readsPlanAndApplyLinesThroughColourCodes() {
    TerraformSummary s =
        TerraformSummary.of(
            List.of(
                "\u001b[1mPlan:\u001b[0m 2 to add, 1 to change, 0 to destroy.",
                "\u001b[0m\u001b[1m\u001b[32mApply complete! Resources: 2 added, 1 changed, 0 destroyed."));
    assertThat(s.plan()).hasValue(new TerraformSummary.Counts(2, 1, 0));
    assertThat(s.applied()).hasValue(new TerraformSummary.Counts(2, 1, 0));
    assertThat(s.headline()).hasValue("Apply complete: 2 added, 1 changed, 0 destroyed.");
  }

  @Test
  void noChangesAndNothingAtAll() {
    assertThat(
            TerraformSummary.of(
                    List.of("No changes. Your infrastructure matches the configuration."))
                .headline())
        .hasValue("No changes.");
    assertThat(TerraformSummary.of(List.of("PLAY [all] ***")).found()).isFalse();
  }
}
