package cd.chatrix.app.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class AliasesScreenTest {

  @Test
  void listsAddsAndDeletes() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.open('x', "Aliases");
      h.awaitText("run 1 3");
      assertThat(h.text()).contains("deploy", "1 alias(es)");
      h.type("n");
      h.awaitText("New alias");
      h.type("rb");
      h.press(KeyType.Tab);
      h.type("run 1 4");
      h.press(KeyType.Enter);
      h.awaitCall("addAlias rb run 1 4");
      h.awaitNoText("New alias");
      h.type("d");
      h.awaitText("Delete alias deploy → run 1 3?");
      h.press(KeyType.ArrowLeft);
      h.press(KeyType.Enter);
      h.awaitCall("removeAlias deploy");
      assertThat(h.actions.calls).containsExactly("addAlias rb run 1 4", "removeAlias deploy");
    }
  }
}
