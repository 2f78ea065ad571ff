package cd.chatrix.bot.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestTest {
  private final List<String> names =
      List.of("status", "stop", "run", "logs", "log", "templates", "projects");

  @Test
  void transpositionAndTypos() {
    assertThat(Suggest.nearest("stauts", names)).contains("status");
    assertThat(Suggest.nearest("templtes", names)).contains("templates");
    assertThat(Suggest.nearest("rnu", names)).contains("run");
  }

  @Test
  void uniquePrefix() {
    assertThat(Suggest.nearest("proj", names)).contains("projects");
  }

  @Test
  void nothingCloseGivesNothing() {
    assertThat(Suggest.nearest("deploy", names)).isEmpty();
    assertThat(Suggest.nearest("status", names)).isEmpty();
  }

  @Test
  void distanceIsDamerau() {
    assertThat(Suggest.distance("ab", "ba")).isEqualTo(1);
    assertThat(Suggest.distance("kitten", "sitting")).isEqualTo(3);
  }
}
