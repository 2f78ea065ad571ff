package cd.chatrix.bot.policy;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.bot.BotSettings;
import cd.chatrix.bot.Role;
import cd.chatrix.bot.commands.Commands;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
  private final BotSettings base = BotSettings.defaults("@bot:x", "https://s");

  @Test
  void emptyListsMeanEveryoneForCompatibility() {
    var p = new AccessPolicy(base);
    assertThat(p.roomAllowed("!any:x")).isTrue();
    assertThat(p.roleOf("@anyone:x")).isEqualTo(Role.ADMIN);
  }

  @Test
  void denyByDefaultMakesEmptyListsMeanNobody() {
    var p = new AccessPolicy(base.withAccess(Set.of(), Set.of(), true));
    assertThat(p.roomAllowed("!any:x")).isFalse();
    assertThat(p.roleOf("@anyone:x")).isEqualTo(Role.NONE);
    assertThat(p.shouldAcceptInvite("@anyone:x", "!r:x")).isFalse();
  }

  @Test
  void rolesFromListsAndPatterns() {
    var s =
        base.withAccess(Set.of(), Set.of("@boss:x"), false)
            .withPolicy(
                new BotSettings.Policy(
                    Set.of("@*:ops.example"),
                    Set.of("@view:x"),
                    Role.NONE,
                    Map.of("status", Role.OPERATOR),
                    Map.of(),
                    Set.of()));
    var p = new AccessPolicy(s);
    assertThat(p.roleOf("@boss:x")).isEqualTo(Role.ADMIN);
    assertThat(p.roleOf("@carol:ops.example")).isEqualTo(Role.OPERATOR);
    assertThat(p.roleOf("@view:x")).isEqualTo(Role.VIEWER);
    assertThat(p.roleOf("@stranger:x")).isEqualTo(Role.NONE);
    assertThat(p.may("@view:x", Commands.ALL.spec("projects").orElseThrow())).isTrue();
    assertThat(p.may("@view:x", Commands.ALL.spec("status").orElseThrow())).isFalse();
    assertThat(p.may("@view:x", Commands.ALL.spec("run").orElseThrow())).isFalse();
    assertThat(p.may("@carol:ops.example", Commands.ALL.spec("run").orElseThrow())).isTrue();
    assertThat(p.may("@carol:ops.example", Commands.ALL.spec("exit").orElseThrow())).isFalse();
  }

  @Test
  void percentEncodedIdsMatch() {
    var p = new AccessPolicy(base.withAccess(Set.of(), Set.of("@user%40mail.com:x"), false));
    assertThat(p.roleOf("@user@mail.com:x")).isEqualTo(Role.ADMIN);
  }

  @Test
  void roomScopes() {
    var p =
        new AccessPolicy(
            base.withPolicy(
                new BotSettings.Policy(
                    Set.of(),
                    Set.of(),
                    Role.NONE,
                    Map.of(),
                    Map.of("!r:x", new BotSettings.RoomScope(Set.of(1L), Set.of(5L))),
                    Set.of(5L))));
    assertThat(p.projectAllowed("!r:x", 1)).isTrue();
    assertThat(p.projectAllowed("!r:x", 2)).isFalse();
    assertThat(p.templateAllowed("!r:x", 1, 5)).isTrue();
    assertThat(p.templateAllowed("!r:x", 1, 6)).isFalse();
    assertThat(p.templateAllowed("!other:x", 2, 6)).isTrue();
    assertThat(p.needsApproval(1, 5)).isTrue();
    assertThat(p.needsApproval(1, 6)).isFalse();
  }

  @Test
  void everyRunOfAListedProjectNeedsApproval() {
    var p =
        new AccessPolicy(
            base.withPolicy(
                new BotSettings.Policy(
                    Set.of(), Set.of(), Role.NONE, Map.of(), Map.of(), Set.of(5L), Set.of(2L))));
    assertThat(p.needsApproval(2, 9)).as("any template of project 2").isTrue();
    assertThat(p.needsApproval(1, 5)).as("template 5 wherever it is").isTrue();
    assertThat(p.needsApproval(1, 9)).isFalse();
  }

  @Test
  void invitePolicies() {
    var s = base.withAccess(Set.of("!ok:x"), Set.of("@boss:x"), false);
    assertThat(new AccessPolicy(s).invite("@boss:x", "!ok:x")).isEqualTo(new InviteVerdict.Join());
    // Someone who may use the bot is followed into any room, to hear there that it is not enabled.
    assertThat(new AccessPolicy(s).invite("@boss:x", "!elsewhere:x"))
        .isEqualTo(new InviteVerdict.JoinNotEnabled());
    // Unnamed users have no role here (the bot's default), so they may not invite it.
    assertThat(new AccessPolicy(s).invite("@nobody:x", "!ok:x"))
        .isInstanceOf(InviteVerdict.Decline.class);
    assertThat(
            new AccessPolicy(s.withInvitePolicy(BotSettings.InvitePolicy.EVERYONE))
                .shouldAcceptInvite("@nobody:x", "!elsewhere:x"))
        .isTrue();
    assertThat(
            new AccessPolicy(s.withInvitePolicy(BotSettings.InvitePolicy.NOBODY))
                .invite("@boss:x", "!ok:x"))
        .isEqualTo(new InviteVerdict.Decline("bot.invite_policy is \"nobody\""));
    assertThat(
            new AccessPolicy(s.withInvitePolicy(BotSettings.InvitePolicy.ADMINS))
                .invite("@nobody:x", "!ok:x"))
        .isInstanceOf(InviteVerdict.Decline.class);
    assertThat(new AccessPolicy(s).invite("", "!ok:x")).isInstanceOf(InviteVerdict.Decline.class);
  }

  @Test
  void anInviteFromSomeoneWithoutARoleIsDeclinedWithTheReason() {
    var s = base.withAccess(Set.of("!ok:x"), Set.of(), true);
    var verdict = new AccessPolicy(s).invite("@stranger:x", "!ok:x");
    assertThat(verdict).isInstanceOf(InviteVerdict.Decline.class);
    assertThat(((InviteVerdict.Decline) verdict).reason())
        .contains("bot.policy.default_role")
        .contains("deny_by_default");
  }
}
