package cd.chatrix.app.tui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ShowScreenTest {

  @Test
  void showsTheRedactedConfigReadOnly() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.open('c', "Show config");
      h.awaitText("***REDACTED***");
      // Letters are shortcuts here, not edits: the box is read-only.
      h.type("r");
      h.awaitText("│ Rooms │");
      assertThat(h.actions.calls).isEmpty();
    }
  }
}
