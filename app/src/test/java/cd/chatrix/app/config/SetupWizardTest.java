package cd.chatrix.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SetupWizardTest {

  @TempDir Path dir;

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T04:05:06Z"), ZoneOffset.UTC);

  /** A deployed config: comments, indirections, keys the wizard never asks about. */
  static final String DEPLOYED =
      """
      // production bot
      {
        "_config_version": 4,
        "matrix": {
          "homeserver": "https://matrix.example.org",
          "user_id": "@chatrixcd:example.org",
          "device_id": "ORIGDEV",
          "auth_type": "password",
          "password_file": "secrets/matrix-password",  # mounted secret
          "store_path": "/var/lib/chatrixcd/store",
        },
        "semaphore": {
          "url": "https://semaphore.example.org/",
          "api_token": "${SEMAPHORE_TOKEN}",
          "ssl_verify": false,
          "ssl_ca_cert": "",
        },
        "bot": {
          "command_prefix": "!ops",
          "admin_users": ["@alice:example.org"],
          "allowed_rooms": ["!ops:example.org"],
          "greetings_enabled": false,
          "log_file": "/var/log/chatrixcd/bot.log",
          "policy": {"default_role": "none", "roles": {"@bob:example.org": "operator"}},
        },
        "http": {"enabled": true, "bind": "127.0.0.1", "port": 8099},
      }
      """;

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
            "", // device id
            "", // store path
            "https://semaphore.example.org/",
            "Wizard-Token-456",
            "@alice:example.org, @bob:example.org",
            "!ops:example.org",
            ""); // write it: yes

    SetupWizard.Outcome outcome = new SetupWizard(io, clock).run(target);

    assertThat(outcome).isEqualTo(new SetupWizard.Outcome.Written(target, Optional.empty()));
    assertThat(io.exhausted()).isTrue();
    assertThat(io.secretPrompts).hasSize(2);
    assertThat(String.join("\n", io.shown))
        .doesNotContain("Wizard-Pass-${PW}\"")
        .doesNotContain("Wizard-Token-456");
    assertThat(io.shown.stream().filter(l -> l.startsWith("Wrote "))).hasSize(1);
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
    assertThat(config.matrix().storePath()).isEqualTo(dir.resolve("store"));
    assertThat(config.semaphore().url()).isEqualTo("https://semaphore.example.org");
    assertThat(config.semaphore().apiToken().reveal()).isEqualTo("Wizard-Token-456");
    assertThat(config.bot().adminUsers()).containsExactly("@alice:example.org", "@bob:example.org");
    assertThat(config.bot().allowedRooms()).containsExactly("!ops:example.org");
  }

  @Test
  void overAFullConfigOnlyTheAnsweredKeysChange() throws Exception {
    Path target = dir.resolve("config.json");
    Files.writeString(target, DEPLOYED);
    ScriptedLineReader io =
        new ScriptedLineReader(
            "https://matrix2.example.org", // homeserver: changed
            "", // user id
            "", // login: keep password
            "", // Enter keeps password_file
            "", // device id
            "", // store path
            "", // semaphore url (its trailing slash stays)
            "", // Enter keeps ${SEMAPHORE_TOKEN}
            "@alice:example.org, @carol:example.org", // admins: changed
            "", // rooms
            "y"); // write

    SetupWizard.Outcome outcome = new SetupWizard(io, clock).run(target);

    Path backup = dir.resolve("config.json.bak.20261122-040506");
    assertThat(outcome).isEqualTo(new SetupWizard.Outcome.Written(target, Optional.of(backup)));
    assertThat(Files.readString(backup)).isEqualTo(DEPLOYED);
    assertThat(changedLines(DEPLOYED, Files.readString(target)))
        .containsExactly(
            "\"homeserver\": \"https://matrix.example.org\","
                + " → \"homeserver\": \"https://matrix2.example.org\",",
            "\"admin_users\": [\"@alice:example.org\"],"
                + " → \"admin_users\": [\"@alice:example.org\", \"@carol:example.org\"],");
    String shown = String.join("\n", io.shown);
    assertThat(shown)
        .contains("Enter keeps password_file secrets/matrix-password")
        .contains("Enter keeps ${SEMAPHORE_TOKEN}")
        .contains(
            "matrix.homeserver: \"https://matrix.example.org\" → \"https://matrix2.example.org\"")
        .contains("bot.admin_users:");
    assertThat(io.shown.stream().filter(l -> l.startsWith("Wrote "))).hasSize(1);
  }

  @Test
  void aTypedSecretReplacesItsFileIndirectionAndChoicesTakeWords() throws Exception {
    Path target = dir.resolve("config.json");
    Files.writeString(target, DEPLOYED);
    ScriptedLineReader io =
        new ScriptedLineReader("", "", "token", "syt_new_token", "", "", "", "", "", "", "y");

    new SetupWizard(io, clock).run(target);

    String after = Files.readString(target);
    assertThat(after)
        .contains("\"access_token\": \"syt_new_token\"")
        .contains("\"auth_type\": \"token\"")
        .contains("\"password_file\": \"secrets/matrix-password\"") // a different key: kept
        .contains("\"api_token\": \"${SEMAPHORE_TOKEN}\"");
    assertThat(String.join("\n", io.shown)).doesNotContain("syt_new_token");
  }

  @Test
  void typingANewPasswordOverAPasswordFileRemovesThePasswordFileKey() throws Exception {
    Path target = dir.resolve("config.json");
    Files.writeString(target, DEPLOYED);
    ScriptedLineReader io =
        new ScriptedLineReader("", "", "password", "new-pass", "", "", "", "", "", "", "y");

    new SetupWizard(io, clock).run(target);

    String after = Files.readString(target);
    assertThat(after).contains("\"password\": \"new-pass\"").doesNotContain("password_file");
    assertThat(String.join("\n", io.shown))
        .contains("matrix.password_file: \"secrets/matrix-password\" → removed");
  }

  @Test
  void aNewDeviceIdNeedsAnExplicitYesAfterTheConsequence() throws Exception {
    Path target = dir.resolve("config.json");
    Files.writeString(target, DEPLOYED);
    ScriptedLineReader refused =
        new ScriptedLineReader(
            "", "", "", "", "NEWDEV", "y", "/tmp/other-store", "y", "", "", "", "");

    assertThat(new SetupWizard(refused, clock).run(target))
        .isEqualTo(new SetupWizard.Outcome.Unchanged(target));
    assertThat(Files.readString(target)).isEqualTo(DEPLOYED);
    assertThat(String.join("\n", refused.shown))
        .contains("encryption keys stay with the old one")
        .contains("starts without the bot's session and encryption keys")
        .contains("Kept the current value.");

    ScriptedLineReader agreed =
        new ScriptedLineReader("", "", "", "", "NEWDEV", "yes", "", "", "", "", "", "y");
    new SetupWizard(agreed, clock).run(target);
    assertThat(changedLines(DEPLOYED, Files.readString(target)))
        .containsExactly("\"device_id\": \"ORIGDEV\", → \"device_id\": \"NEWDEV\",");
  }

  @Test
  void declinedOrCancelledChangesWriteNothing() throws Exception {
    Path target = dir.resolve("config.json");
    Files.writeString(target, DEPLOYED);
    ScriptedLineReader declined =
        new ScriptedLineReader("https://x.example.org", "", "", "", "", "", "", "", "", "", "");
    assertThat(new SetupWizard(declined, clock).run(target))
        .isInstanceOf(SetupWizard.Outcome.Cancelled.class);
    assertThat(Files.readString(target)).isEqualTo(DEPLOYED);

    ScriptedLineReader endOfInput = new ScriptedLineReader("https://x.example.org");
    assertThat(new SetupWizard(endOfInput, clock).run(target))
        .isInstanceOf(SetupWizard.Outcome.Cancelled.class);
    assertThat(Files.readString(target)).isEqualTo(DEPLOYED);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void keysLeftToTheEnvironmentStayThereWhenEnterKeepsThem() throws Exception {
    Path target = dir.resolve("config.json");
    String dockerStyle = "{\"matrix\": {\"store_path\": \"/data/store\"}, \"bot\": {}}\n";
    Files.writeString(target, dockerStyle);
    Map<String, String> env =
        Map.of(
            "MATRIX_HOMESERVER", "https://hs.example.org",
            "MATRIX_USER_ID", "@bot:example.org",
            "MATRIX_PASSWORD", "env-password",
            "SEMAPHORE_URL", "https://sem.example.org",
            "SEMAPHORE_API_TOKEN", "env-token",
            "BOT_ADMIN_USERS", "@alice:example.org");
    ScriptedLineReader io = new ScriptedLineReader("", "", "", "", "", "", "", "", "", "");

    assertThat(new SetupWizard(io, clock, env).run(target))
        .isEqualTo(new SetupWizard.Outcome.Unchanged(target));
    assertThat(io.exhausted()).isTrue();
    assertThat(Files.readString(target)).isEqualTo(dockerStyle);
    assertThat(String.join("\n", io.shown))
        .contains("[https://hs.example.org]")
        .contains("Enter keeps MATRIX_PASSWORD from the environment")
        .contains("[@alice:example.org]")
        .doesNotContain("env-password");
  }

  @Test
  void enterKeepsAStoredSecretWithoutShowingIt() throws Exception {
    Path target = dir.resolve("config.json");
    String inline =
        DEPLOYED.replace(
            "\"password_file\": \"secrets/matrix-password\"", "'password': 'stored-pw'");
    Files.writeString(target, inline);
    ScriptedLineReader io =
        new ScriptedLineReader("", "", "", "", "", "", "", "", "", "@x:example.org", "y");

    new SetupWizard(io, clock).run(target);

    assertThat(io.secretPrompts)
        .anySatisfy(p -> assertThat(p).contains("Enter keeps the stored one"));
    assertThat(String.join("\n", io.shown)).doesNotContain("stored-pw");
    assertThat(changedLines(inline, Files.readString(target)))
        .containsExactly(
            "\"allowed_rooms\": [\"!ops:example.org\"], → \"allowed_rooms\": [\"@x:example.org\"],");
  }

  @Test
  void aFileThatIsNotJsonIsNotTouched() throws Exception {
    Path target = dir.resolve("config.json");
    Files.writeString(target, "{ not json at all");
    ScriptedLineReader io = new ScriptedLineReader();

    assertThat(new SetupWizard(io, clock).run(target))
        .isInstanceOf(SetupWizard.Outcome.Unusable.class);
    assertThat(Files.readString(target)).isEqualTo("{ not json at all");
  }

  @Test
  void endOfInputOnANewFileCancelsWithoutWriting() throws Exception {
    Path target = dir.resolve("config.json");
    ScriptedLineReader io = new ScriptedLineReader("https://hs.example.org");

    assertThat(new SetupWizard(io, clock).run(target))
        .isInstanceOf(SetupWizard.Outcome.Cancelled.class);
    assertThat(target).doesNotExist();
  }

  /** Lines that differ, as "old → new", compared line by line (the edit keeps line structure). */
  static List<String> changedLines(String before, String after) {
    List<String> a = before.lines().toList();
    List<String> b = after.lines().toList();
    assertThat(b).as("same number of lines").hasSameSizeAs(a);
    List<String> changed = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).equals(b.get(i))) {
        changed.add(a.get(i).strip() + " → " + b.get(i).strip());
      }
    }
    return changed;
  }
}
