package cd.chatrix.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LenientJsonTest {

  @Test
  void acceptsTheOriginalsDialect() {
    String text = "# hash\n// slash\n/* block */\n{'a': [1, 2,], \"b\": {\"c\": true,},}";
    assertThat(LenientJson.parse(text, "f.json"))
        .isInstanceOfSatisfying(
            LenientJson.Parsed.Ok.class,
            ok -> {
              assertThat(ok.root().at("/a/1").intValue()).isEqualTo(2);
              assertThat(ok.root().at("/b/c").booleanValue()).isTrue();
            });
  }

  @Test
  void reportsPositionButNotTheOffendingText() {
    String text = "{\n  \"a\": 1,\n  \"token\": 'unterminated\n}";
    String unquoted = "{\n\n  \"token\": s3cr3tValue\n}";
    for (String bad : new String[] {text, unquoted}) {
      assertThat(LenientJson.parse(bad, "f.json"))
          .isInstanceOfSatisfying(
              LenientJson.Parsed.Failed.class,
              failed -> {
                assertThat(failed.problem().message()).contains("f.json").contains("line");
                assertThat(failed.problem().message())
                    .doesNotContain("s3cr3tValue")
                    .doesNotContain("unterminated");
              });
    }
    assertThat(LenientJson.parse("  ", "f.json")).isInstanceOf(LenientJson.Parsed.Failed.class);
  }
}
