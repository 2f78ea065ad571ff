package cd.chatrix.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigOverridesTest {

  @Test
  void addsWithoutDuplicatesAndForcesFlags() {
    ChatrixConfig base = ChatrixConfig.defaults();
    base =
        base.withBot(
            new ConfigOverrides(
                    List.of("@a:x.org"),
                    List.of("!r:x.org"),
                    false,
                    false,
                    false,
                    false,
                    Optional.empty())
                .applyTo(base)
                .bot());

    ChatrixConfig result =
        new ConfigOverrides(
                List.of("@a:x.org", "@b:x.org"),
                List.of("!s:x.org"),
                true,
                true,
                true,
                true,
                Optional.of(BotConfig.Verbosity.DEBUG))
            .applyTo(base);

    assertThat(result.bot().adminUsers()).containsExactly("@a:x.org", "@b:x.org");
    assertThat(result.bot().allowedRooms()).containsExactly("!r:x.org", "!s:x.org");
    assertThat(result.bot().greetingsEnabled()).isFalse();
    assertThat(result.bot().redact()).isTrue();
    assertThat(result.bot().colorEnabled()).isTrue();
    assertThat(result.bot().mouseEnabled()).isTrue();
    assertThat(result.bot().verbosity()).isEqualTo(BotConfig.Verbosity.DEBUG);
    assertThat(ConfigOverrides.none().applyTo(base)).isEqualTo(base);
  }
}
