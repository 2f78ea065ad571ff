package cd.chatrix.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.config.PolicyConfig.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ConfigBinderTest {

  private final List<ConfigProblem> problems = new ArrayList<>();
  private final List<ConfigProblem> warnings = new ArrayList<>();

  private ChatrixConfig bind(String botSection) {
    ObjectNode tree = ConfigRenderer.toTree(ChatrixConfig.defaults());
    ObjectNode bot = (ObjectNode) LenientJson.MAPPER.readTree(botSection);
    ((ObjectNode) tree.get("bot")).setAll(bot);
    return new ConfigBinder().bind(new NodeReader(tree, problems, warnings));
  }

  @Test
  void bindsThePolicySection() {
    ChatrixConfig config =
        bind(
            """
            {"policy": {
               "default_role": "operator",
               "roles": {"@carol:x.org": "admin", "@dave:x.org": "Viewer"},
               "commands": {"run": "operator", "exit": "admin"},
               "rooms": {"!ops:x.org": {"projects": ["1", "infra"], "templates": ["deploy"]}},
               "require_approval": {"templates": ["prod-deploy"]}
            }}
            """);

    PolicyConfig policy = config.bot().policy();
    assertThat(problems).isEmpty();
    assertThat(policy.defaultRole()).isEqualTo(Role.OPERATOR);
    assertThat(policy.roles())
        .containsExactly(
            Map.entry("@carol:x.org", Role.ADMIN), Map.entry("@dave:x.org", Role.VIEWER));
    assertThat(policy.commands())
        .containsEntry("run", Role.OPERATOR)
        .containsEntry("exit", Role.ADMIN);
    assertThat(policy.rooms().get("!ops:x.org"))
        .isEqualTo(new PolicyConfig.RoomScope(List.of("1", "infra"), List.of("deploy")));
    assertThat(policy.requireApproval().templates()).containsExactly("prod-deploy");
    assertThat(policy.requireApproval().projects()).isEmpty();
    assertThat(Role.ADMIN.atLeast(Role.OPERATOR)).isTrue();
    assertThat(Role.VIEWER.atLeast(Role.OPERATOR)).isFalse();
  }

  @Test
  void reportsBadRolesAndWarnsAboutUnknownCommands() {
    bind(
        """
        {"policy": {"roles": {"@e:x.org": "superuser"}, "commands": {"rn": "viewer"},
                    "rooms": {"!r:x.org": ["1"]}}}
        """);
    assertThat(problems)
        .extracting(ConfigProblem::keyPath)
        .containsExactlyInAnyOrder("bot.policy.roles.@e:x.org", "bot.policy.rooms.!r:x.org");
    assertThat(warnings)
        .singleElement()
        .satisfies(w -> {
          assertThat(w.keyPath()).isEqualTo("bot.policy.commands.rn");
          assertThat(w.hint()).contains("run");
        });
  }

  @Test
  void retiredThemesFallBackWithAWarningAndTypesAreCoerced() {
    ChatrixConfig config =
        bind(
            """
            {"color_theme": "msdos", "greetings_enabled": "no", "rate_limit_per_minute": "12",
             "allowed_rooms": "!a:x.org, !b:x.org"}
            """);
    assertThat(problems).isEmpty();
    assertThat(config.bot().colorTheme()).isEqualTo(BotConfig.ColorTheme.DEFAULT);
    assertThat(warnings).extracting(ConfigProblem::keyPath).containsExactly("bot.color_theme");
    assertThat(config.bot().greetingsEnabled()).isFalse();
    assertThat(config.bot().rateLimitPerMinute()).isEqualTo(12);
    assertThat(config.bot().allowedRooms()).containsExactly("!a:x.org", "!b:x.org");
  }

  @Test
  void wrongTypesAreProblemsAndTheRestStillBinds() {
    ChatrixConfig config =
        bind(
            """
            {"greetings_enabled": "maybe", "rate_limit_per_minute": 1.5, "admin_users": {"a": 1},
             "verbosity": "loud", "command_prefix": "!go"}
            """);
    assertThat(problems)
        .extracting(ConfigProblem::keyPath)
        .containsExactlyInAnyOrder(
            "bot.greetings_enabled",
            "bot.rate_limit_per_minute",
            "bot.admin_users",
            "bot.verbosity");
    assertThat(config.bot().commandPrefix()).isEqualTo("!go");
  }
}
