package cd.chatrix.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.config.ConfigFileEditor.Edit;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigFileEditorTest {

  private static final String TEXT =
      """
      // keep me
      {
        matrix: {
          'homeserver': 'https://old.example.org', # keep this comment
          "password_file": "/run/pw",
          "store_path": "./store",
        },
        "bot": {}
      }
      """;

  @Test
  void replacesValuesInPlaceAndKeepsEverythingElse() {
    String edited =
        ConfigFileEditor.of(TEXT)
            .apply(List.of(new Edit.Put("matrix.homeserver", "\"https://new.example.org\"")));
    assertThat(edited)
        .isEqualTo(TEXT.replace("'https://old.example.org'", "\"https://new.example.org\""));
  }

  @Test
  void addsKeysToTheirSectionAndCreatesMissingSections() {
    String edited =
        ConfigFileEditor.of(TEXT)
            .apply(
                List.of(
                    new Edit.Put("matrix.user_id", "\"@b:example.org\""),
                    new Edit.Put("bot.admin_users", "[\"@a:example.org\"]"),
                    new Edit.Put("semaphore.url", "\"https://s.example.org\""),
                    new Edit.Put("semaphore.api_token", "\"t\"")));
    assertThat(LenientJson.parse(edited, "t"))
        .isInstanceOfSatisfying(
            LenientJson.Parsed.Ok.class,
            ok -> {
              assertThat(ok.root().at("/matrix/user_id").stringValue()).isEqualTo("@b:example.org");
              assertThat(ok.root().at("/matrix/store_path").stringValue()).isEqualTo("./store");
              assertThat(ok.root().at("/bot/admin_users/0").stringValue())
                  .isEqualTo("@a:example.org");
              assertThat(ok.root().at("/semaphore/api_token").stringValue()).isEqualTo("t");
            });
    assertThat(edited).contains("# keep this comment").startsWith("// keep me\n");
    assertThat(edited).contains("\n    \"user_id\": \"@b:example.org\",\n");
  }

  @Test
  void removesAKeyWithItsLine() {
    String edited =
        ConfigFileEditor.of(TEXT).apply(List.of(new Edit.Remove("matrix.password_file")));
    assertThat(edited).isEqualTo(TEXT.replace("    \"password_file\": \"/run/pw\",\n", ""));
  }
}
