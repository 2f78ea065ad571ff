package cd.chatrix.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessagesFileTest {

  @Test
  void parsesCategoriesWithCommentsAndSkipsWhatIsNotAListOfTexts() {
    String text =
        """
        # personality
        {
          "greetings": ["Hi {name}!", "Hello {name}",],
          "pet": "not a list",
          "scold": ["Sorry!", 42],
        }
        """;
    ParseOutcome<Map<String, List<String>>> outcome = MessagesFile.parse(Optional.of(text));
    assertThat(outcome)
        .isInstanceOfSatisfying(
            ParseOutcome.Parsed.class,
            parsed -> {
              assertThat(parsed.value())
                  .isEqualTo(
                      Map.of(
                          "greetings", List.of("Hi {name}!", "Hello {name}"),
                          "scold", List.of("Sorry!")));
              assertThat(parsed.warnings()).hasSize(2);
            });
  }

  @Test
  void missingFileMeansBuiltInsAndBrokenFileIsRejectedWithItsPosition() {
    assertThat(MessagesFile.parse(Optional.empty()))
        .isInstanceOfSatisfying(
            ParseOutcome.Parsed.class, parsed -> assertThat((Map<?, ?>) parsed.value()).isEmpty());
    assertThat(MessagesFile.parse(Optional.of("{\n\"pet\": [\"a\"\n")))
        .isInstanceOfSatisfying(
            ParseOutcome.Rejected.class,
            rejected -> assertThat(rejected.reason()).contains("line"));
  }
}
