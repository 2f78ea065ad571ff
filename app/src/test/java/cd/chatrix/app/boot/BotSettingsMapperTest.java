package cd.chatrix.app.boot;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.config.ChatrixConfig;
import cd.chatrix.app.config.ConfigLoader;
import cd.chatrix.app.config.ConfigOverrides;
import cd.chatrix.app.config.LoadResult;
import cd.chatrix.bot.BotSettings;
import cd.chatrix.bot.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BotSettingsMapperTest {
  @TempDir Path dir;

  private static final String CONNECTION =
      """
        "matrix": {"homeserver": "https://hs.example.org", "user_id": "@bot:example.org",
                   "password": "pw"},
        "semaphore": {"url": "https://sem.example.org", "api_token": "tok"}
      """;

  private ChatrixConfig load(String botAndPlugins) {
    String text = "{" + CONNECTION + (botAndPlugins.isBlank() ? "" : "," + botAndPlugins) + "}";
    LoadResult result =
        new ConfigLoader(Map.of(), dir)
            .loadText(text, dir.resolve("config.json"), ConfigOverrides.none());
    assertThat(result).as("config %s", result).isInstanceOf(LoadResult.Loaded.class);
    return ((LoadResult.Loaded) result).config();
  }

  private static BotSettingsMapper.Mapped map(ChatrixConfig config) {
    return BotSettingsMapper.map(config, "@bot:example.org", "https://sem.example.org/", "1.2.3");
  }

  @Test
  void mapsEveryBotKey() {
    ChatrixConfig config =
        load(
            """
            "bot": {
              "command_prefix": "!ci",
              "allowed_rooms": ["!a:example.org", "!b:example.org"],
              "admin_users": ["@alice:example.org"],
              "deny_by_default": true,
              "confirmation_timeout": 120,
              "invite_policy": "anyone",
              "rate_limit_per_minute": 12,
              "greeting_rooms": ["!a:example.org"],
              "greetings_enabled": false,
              "policy": {
                "default_role": "operator",
                "roles": {"@carol:example.org": "operator", "@dave:example.org": "viewer",
                          "@erin:example.org": "admin", "@*:guests.org": "viewer"},
                "commands": {"run": "admin", "status": "viewer"},
                "rooms": {"!a:example.org": {"projects": ["1", "2"], "templates": ["7"]},
                          "!b:example.org": {"projects": [], "templates": []}},
                "require_approval": {"templates": ["7", "9"], "projects": []}
              }
            },
            "plugins": {"semaphore_poll": {"notification_interval": 45}}
            """);

    var mapped = map(config);
    BotSettings s = mapped.settings();

    // Only that default_role lets unnamed users in although deny_by_default is on.
    assertThat(mapped.warnings())
        .singleElement()
        .satisfies(w -> assertThat(w).contains("bot.deny_by_default").contains("\"operator\""));
    assertThat(s.botUserId()).isEqualTo("@bot:example.org");
    assertThat(s.semaphoreUrl()).isEqualTo("https://sem.example.org");
    assertThat(s.botVersion()).isEqualTo("1.2.3");
    assertThat(s.prefix()).isEqualTo("!ci");
    assertThat(s.allowedRooms()).containsExactlyInAnyOrder("!a:example.org", "!b:example.org");
    assertThat(s.adminUsers()).containsExactlyInAnyOrder("@alice:example.org", "@erin:example.org");
    assertThat(s.denyByDefault()).isTrue();
    assertThat(s.confirmationTimeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(s.invitePolicy()).isEqualTo(BotSettings.InvitePolicy.EVERYONE);
    assertThat(s.rateLimit()).isEqualTo(new BotSettings.RateLimit(12, Duration.ofMinutes(1)));
    assertThat(s.greetingRooms()).containsExactly("!a:example.org");
    assertThat(s.greetingsEnabled()).isFalse();
    assertThat(s.runningReminder()).isEqualTo(Duration.ofSeconds(45));
    assertThat(s.maxEventBytes()).isEqualTo(BotSettings.defaults("@x:y", "u").maxEventBytes());

    BotSettings.Policy p = s.policy();
    assertThat(p.defaultRole()).isEqualTo(Role.OPERATOR);
    assertThat(p.operators()).containsExactly("@carol:example.org");
    assertThat(p.viewers()).containsExactlyInAnyOrder("@dave:example.org", "@*:guests.org");
    assertThat(p.commandRoles()).isEqualTo(Map.of("run", Role.ADMIN, "status", Role.VIEWER));
    assertThat(p.scope("!a:example.org"))
        .isEqualTo(new BotSettings.RoomScope(Set.of(1L, 2L), Set.of(7L)));
    assertThat(p.scope("!b:example.org")).isEqualTo(BotSettings.RoomScope.ALL);
    assertThat(p.scope("!elsewhere:example.org")).isEqualTo(BotSettings.RoomScope.ALL);
    assertThat(p.approvalTemplates()).containsExactlyInAnyOrder(7L, 9L);
  }

  @Test
  void denyByDefaultLeavesEveryoneNotNamedWithoutARole() {
    BotSettings s =
        map(load(
                """
                "bot": {"deny_by_default": true,
                        "policy": {"roles": {"@carol:example.org": "operator"}}}
                """))
            .settings();

    assertThat(s.policy().defaultRole()).isEqualTo(Role.NONE);
    var policy = new cd.chatrix.bot.policy.AccessPolicy(s);
    assertThat(policy.roleOf("@stranger:example.org")).isEqualTo(Role.NONE);
    assertThat(policy.roleOf("@carol:example.org")).isEqualTo(Role.OPERATOR);
  }

  @Test
  void denyByDefaultKeepsADefaultRoleGivenExplicitlyAndSaysWhatItMeans() {
    BotSettingsMapper.Mapped mapped =
        map(
            load(
                """
                "bot": {"deny_by_default": true, "policy": {"default_role": "viewer"}}
                """));

    assertThat(mapped.settings().policy().defaultRole()).isEqualTo(Role.VIEWER);
    assertThat(mapped.warnings())
        .anySatisfy(w -> assertThat(w).contains("deny_by_default").contains("\"viewer\""));
  }

  @Test
  void defaultsMapToTheOriginalsBehaviour() {
    BotSettings s = map(load("")).settings();

    assertThat(s.prefix()).isEqualTo("!cd");
    assertThat(s.allowedRooms()).isEmpty();
    assertThat(s.adminUsers()).isEmpty();
    assertThat(s.denyByDefault()).isFalse();
    assertThat(s.confirmationTimeout()).isEqualTo(Duration.ofSeconds(300));
    assertThat(s.invitePolicy()).isEqualTo(BotSettings.InvitePolicy.ALLOWED_USERS);
    assertThat(s.rateLimit()).isEqualTo(new BotSettings.RateLimit(30, Duration.ofMinutes(1)));
    assertThat(s.greetingsEnabled()).isTrue();
    assertThat(s.greetingRooms()).isEmpty();
    assertThat(s.runningReminder()).isEqualTo(Duration.ofSeconds(300));
    assertThat(s.policy().defaultRole()).isEqualTo(Role.VIEWER);
    assertThat(s.policy().operators()).isEmpty();
    assertThat(s.policy().roomScopes()).isEmpty();
    assertThat(s.policy().approvalTemplates()).isEmpty();
  }

  @Test
  void zeroTurnsRateLimitAndRemindersOff() {
    BotSettings s =
        map(load(
                """
                "bot": {"rate_limit_per_minute": 0, "invite_policy": "nobody"},
                "plugins": {"semaphore_poll": {"notification_interval": 0}}
                """))
            .settings();

    assertThat(s.rateLimit()).isEqualTo(BotSettings.RateLimit.OFF);
    assertThat(s.runningReminder()).isZero();
    assertThat(s.invitePolicy()).isEqualTo(BotSettings.InvitePolicy.NOBODY);
  }

  @Test
  void unresolvableRoomScopesAllowNothingRatherThanEverything() {
    ChatrixConfig config =
        load(
            """
            "bot": {"policy": {
              "rooms": {"!a:x": {"projects": ["Infra"], "templates": ["Deploy", "5"]}},
              "require_approval": {"templates": ["Deploy"], "projects": ["2"]}}}
            """);

    var mapped = map(config);

    BotSettings.RoomScope scope = mapped.settings().policy().scope("!a:x");
    assertThat(scope.projectIds()).containsExactly(BotSettingsMapper.NOTHING);
    assertThat(scope.templateIds()).containsExactly(5L);
    assertThat(mapped.settings().policy().approvalTemplates()).isEmpty();
    assertThat(mapped.settings().policy().approvalProjects()).containsExactly(2L);
    assertThat(mapped.warnings())
        .anySatisfy(w -> assertThat(w).contains("\"Infra\"").contains(".projects"))
        .anySatisfy(w -> assertThat(w).contains("may run nothing"))
        .anySatisfy(w -> assertThat(w).contains("\"Deploy\"").contains("require_approval"))
        .noneSatisfy(w -> assertThat(w).contains("templates of project 2"));
  }
}
