package cd.chatrix.app.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LogsScreenTest {

  @Test
  void showsLinesAndFiltersByLevel() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.open('l', "Logs");
      h.awaitText("sync batch s1");
      assertThat(h.text()).contains("joined room Ops", "slow answer", "Level ≥ TRACE");
      h.type("gg"); // TRACE → DEBUG → INFO
      h.awaitText("Level ≥ INFO");
      h.awaitNoText("sync batch s1");
      assertThat(h.text()).contains("joined room Ops", "slow answer");
      h.type("g");
      h.awaitText("Level ≥ WARN");
      h.awaitNoText("joined room Ops");
    }
  }

  @Test
  void searchKeepsMatchingLines() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.open('l', "Logs");
      h.awaitText("sync batch s1");
      h.type("/");
      h.awaitText("Search the log");
      h.type("room");
      h.press(KeyType.Enter);
      h.awaitText("search \"room\"");
      h.awaitNoText("slow answer");
      assertThat(h.text()).contains("joined room Ops");
    }
  }

  @Test
  void followShowsTheNewestLinesAndCanBeTurnedOff() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      List<LogLine> many = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        many.add(new LogLine(Instant.EPOCH.plusSeconds(i), "INFO", "Bot", "line number " + i));
      }
      h.model.logs = List.copyOf(many);
      h.open('l', "Logs");
      h.awaitText("line number 59");
      assertThat(h.text()).doesNotContain("line number 0\n");
      h.type("f");
      h.awaitText("follow off");
      many.add(new LogLine(Instant.EPOCH.plusSeconds(61), "INFO", "Bot", "line number 60"));
      h.model.logs = List.copyOf(many);
      h.awaitText("61 line(s)");
      assertThat(h.text()).doesNotContain("line number 60");
      h.type("f");
      h.awaitText("line number 60");
    }
  }

  @Test
  void scrollingBackTurnsFollowOff() {
    try (ConsoleHarness h = new ConsoleHarness()) {
      h.open('l', "Logs");
      h.awaitText("follow on");
      h.press(KeyType.ArrowUp);
      h.awaitText("follow off");
      h.type("f");
      h.awaitText("follow on");
    }
  }
}
