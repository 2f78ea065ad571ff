package cd.chatrix.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SetupWizardTest {

  @TempDir Path dir;

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T04:05:06Z"), ZoneOffset.UTC);

  @Test
  void writesACommentedPrivateFileThatTheLoaderAccepts() throws Exception {
    Path target = dir.resolve("config.json");
    ScriptedLineReader io =
        new ScriptedLineReader(
            "", // homeserver: keep https://matrix.org
            "not-an-id", // rejected, asked again
            "@chatrixcd:example.org",
            "1", // password
            "Wizard-Pass-${PW}\"",
            "https://semaphore.example.org/",
            "Wizard-Token-456",
            "@alice:example.org, @bob:example.org",
            "!ops:example.org");

    SetupWizard.Outcome outcome = new SetupWizard(io, clock).run(target);

    assertThat(outcome).isEqualTo(new SetupWizard.Outcome.Written(target, Optional.empty()));
    assertThat(io.exhausted()).isTrue();
    assertThat(io.secretPrompts).hasSize(2);
    assertThat(String.join("\n", io.shown))
        .doesNotContain("Wizard-Pass-${PW}\"")
        .doesNotContain("Wizard-Token-456");
    assertThat(Files.getPosixFilePermissions(target))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    String text = Files.readString(target);
    assertThat(text).contains("// ").contains("\"_config_version\": 5");

    LoadResult result = new ConfigLoader(Map.of(), dir).load(target, ConfigOverrides.none());
    assertThat(result).isInstanceOf(LoadResult.Loaded.class);
    LoadResult.Loaded loaded = (LoadResult.Loaded) result;
    assertThat(loaded.warnings()).isEmpty();
    ChatrixConfig config = loaded.config();
    assertThat(config.matrix().homeserver()).isEqualTo("https://matrix.org");
    assertThat(config.matrix().userId()).isEqualTo("@chatrixcd:example.org");
    assertThat(config.matrix().password().reveal()).isEqualTo("Wizard-Pass-${PW}\"");
    assertThat(config.semaphore().url()).isEqualTo("https://semaphore.example.org");
    assertThat(config.semaphore().apiToken().reveal()).isEqualTo("Wizard-Token-456");
    assertThat(config.bot().adminUsers()).containsExactly("@alice:example.org", "@bob:example.org");
    assertThat(config.bot().allowedRooms()).containsExactly("!ops:example.org");
  }

  @Test
  void backsUpAnExistingFileAndOffersItsValuesAsDefaults() throws Exception {
    Path target = dir.resolve("config.json");
    String old =
        "// old\n{\"matrix\": {\"homeserver\": \"https://old.example.org\","
            + " \"user_id\": \"@old:example.org\", \"auth_type\": \"token\"},"
            + " \"semaphore\": {\"url\": \"https://oldsem.example.org\"}}";
    Files.writeString(target, old);
    ScriptedLineReader io =
        new ScriptedLineReader("y", "", "", "", "syt_new_token", "", "sem-token", "", "");

    SetupWizard.Outcome outcome = new SetupWizard(io, clock).run(target);

    Path backup = dir.resolve("config.json.bak.20261122-040506");
    assertThat(outcome).isEqualTo(new SetupWizard.Outcome.Written(target, Optional.of(backup)));
    assertThat(Files.readString(backup)).isEqualTo(old);
    ChatrixConfig config =
        ((LoadResult.Loaded) new ConfigLoader(Map.of(), dir).load(target, ConfigOverrides.none()))
            .config();
    assertThat(config.matrix().homeserver()).isEqualTo("https://old.example.org");
    assertThat(config.matrix().authType()).isEqualTo(MatrixConfig.AuthType.TOKEN);
    assertThat(config.matrix().accessToken().reveal()).isEqualTo("syt_new_token");
    assertThat(config.semaphore().url()).isEqualTo("https://oldsem.example.org");
  }

  @Test
  void endOfInputCancelsWithoutWriting() throws Exception {
    Path target = dir.resolve("config.json");
    ScriptedLineReader io = new ScriptedLineReader("https://hs.example.org");

    assertThat(new SetupWizard(io, clock).run(target))
        .isInstanceOf(SetupWizard.Outcome.Cancelled.class);
    assertThat(target).doesNotExist();
  }
}
