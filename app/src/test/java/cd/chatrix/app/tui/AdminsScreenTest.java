package cd.chatrix.app.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class AdminsScreenTest {

  @Test
  void listsAdmins() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.open('a', "Admins");
      h.awaitText("@bob:example.org");
      assertThat(h.text()).contains("@alice:example.org", "2 admin(s)");
    }
  }

  @Test
  void explainsAnEmptyList() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.model.admins = List.of();
      h.open('a', "Admins");
      h.awaitText("No admins configured");
    }
  }
}
