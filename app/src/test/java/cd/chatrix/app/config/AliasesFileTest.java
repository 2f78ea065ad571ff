package cd.chatrix.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AliasesFileTest {

  @TempDir Path dir;

  @Test
  void parsesTheOriginalsFlatMap() {
    String example =
        "{\"deploy-prod\": \"run 1 5\", \"check-last\": \"status\", \"health\": \"ping\"}";
    ParseOutcome<Map<String, String>> outcome = AliasesFile.parse(Optional.of(example));
    assertThat(outcome)
        .isInstanceOfSatisfying(
            ParseOutcome.Parsed.class,
            parsed ->
                assertThat(parsed.value())
                    .isEqualTo(
                        Map.of(
                            "deploy-prod", "run 1 5", "check-last", "status", "health", "ping")));
  }

  @Test
  void missingOrEmptyMeansNoAliasesAndBadEntriesAreSkippedWithAWarning() {
    assertThat(AliasesFile.parse(Optional.empty()))
        .isEqualTo(new ParseOutcome.Parsed<>(Map.of(), List.of()));
    ParseOutcome<Map<String, String>> outcome =
        AliasesFile.parse(Optional.of("{\"ok\": \"ping\", \"bad\": 5, \"two words\": \"info\"}"));
    assertThat(outcome)
        .isInstanceOfSatisfying(
            ParseOutcome.Parsed.class,
            parsed -> {
              assertThat(parsed.value()).isEqualTo(Map.of("ok", "ping"));
              assertThat(parsed.warnings()).hasSize(2);
            });
  }

  @Test
  void aNonObjectOrBrokenFileIsRejected() {
    assertThat(AliasesFile.parse(Optional.of("[\"ping\"]")))
        .isInstanceOf(ParseOutcome.Rejected.class);
    assertThat(AliasesFile.parse(Optional.of("{\"a\": ")))
        .isInstanceOf(ParseOutcome.Rejected.class);
  }

  @Test
  void writeReplacesAtomicallyKeepsPermissionsAndReadsBack() throws Exception {
    Path file = dir.resolve("aliases.json");
    Files.writeString(file, "{}");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    Map<String, String> aliases = new LinkedHashMap<>();
    aliases.put("zeta", "status");
    aliases.put("alpha", "run 1 \"5\"");

    AliasesFile.write(file, aliases);

    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
    String text = Files.readString(file);
    assertThat(text.indexOf("alpha")).isLessThan(text.indexOf("zeta"));
    assertThat(AliasesFile.parse(Optional.of(text)))
        .isInstanceOfSatisfying(
            ParseOutcome.Parsed.class, parsed -> assertThat(parsed.value()).isEqualTo(aliases));
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }
}
