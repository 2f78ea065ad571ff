package cd.chatrix.bot.policy;

import cd.chatrix.bot.BotSettings;
import cd.chatrix.bot.Role;
import cd.chatrix.bot.command.CommandSpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Decisions over one settings snapshot. Empty room and admin lists keep the original's meaning
 * (everyone) unless {@code deny_by_default} is set, in which case they mean nobody.
 */
public final class AccessPolicy {
  private final BotSettings settings;

  public AccessPolicy(BotSettings settings) {
    this.settings = settings;
  }

  public boolean roomAllowed(String roomId) {
    if (settings.allowedRooms().isEmpty()) {
      return !settings.denyByDefault();
    }
    return settings.allowedRooms().contains(roomId);
  }

  public Role roleOf(String userId) {
    if (matchesAny(userId, settings.adminUsers())) {
      return Role.ADMIN;
    }
    if (settings.adminUsers().isEmpty() && !settings.denyByDefault()) {
      return Role.ADMIN;
    }
    var policy = settings.policy();
    if (matchesAny(userId, policy.operators())) {
      return Role.OPERATOR;
    }
    if (matchesAny(userId, policy.viewers())) {
      return Role.VIEWER;
    }
    return policy.defaultRole();
  }

  public Role required(CommandSpec spec) {
    return settings.policy().commandRoles().getOrDefault(spec.name(), spec.role());
  }

  public boolean may(String userId, CommandSpec spec) {
    return roleOf(userId).atLeast(required(spec));
  }

  public boolean projectAllowed(String roomId, long projectId) {
    var scope = settings.policy().scope(roomId);
    return scope.projectIds().isEmpty() || scope.projectIds().contains(projectId);
  }

  public boolean templateAllowed(String roomId, long projectId, long templateId) {
    var scope = settings.policy().scope(roomId);
    return projectAllowed(roomId, projectId)
        && (scope.templateIds().isEmpty() || scope.templateIds().contains(templateId));
  }

  /** Whether a run of {@code templateId} in {@code projectId} waits for a second person. */
  public boolean needsApproval(long projectId, long templateId) {
    var policy = settings.policy();
    return policy.approvalTemplates().contains(templateId)
        || policy.approvalProjects().contains(projectId);
  }

  /** Whether an invite from {@code inviter} into {@code roomId} is joined. */
  public boolean shouldAcceptInvite(String inviter, String roomId) {
    return invite(inviter, roomId).joins();
  }

  /**
   * Whom the bot follows into a room: {@code invite_policy} decides who may invite; a room outside
   * {@code allowed_rooms} is still joined for them, to say once that it is not enabled.
   */
  public InviteVerdict invite(String inviter, String roomId) {
    if (inviter.isBlank()) {
      return new InviteVerdict.Decline("the invite names no inviter");
    }
    Role role = roleOf(inviter);
    return switch (settings.invitePolicy()) {
      case NOBODY -> new InviteVerdict.Decline("bot.invite_policy is \"nobody\"");
      case EVERYONE -> joinable(roomId);
      case ADMINS ->
          role == Role.ADMIN
              ? joinable(roomId)
              : new InviteVerdict.Decline("the inviter is not an admin (bot.invite_policy)");
      case ALLOWED_USERS ->
          role.atLeast(Role.VIEWER)
              ? joinable(roomId)
              : new InviteVerdict.Decline(
                  "the inviter may not use the bot: not in bot.admin_users nor given a role in"
                      + " bot.policy.roles, and bot.policy.default_role is \"none\""
                      + (settings.denyByDefault() ? " (bot.deny_by_default is on)" : ""));
    };
  }

  private InviteVerdict joinable(String roomId) {
    return roomAllowed(roomId) ? new InviteVerdict.Join() : new InviteVerdict.JoinNotEnabled();
  }

  /**
   * Exact MXIDs, or patterns with {@code *} (e.g. {@code @*:example.org}). Percent-encoded ids
   * compare equal to their decoded form, as in the original.
   */
  static boolean matchesAny(String userId, Set<String> patterns) {
    String u = decode(userId);
    for (String p : patterns) {
      String d = decode(p.strip());
      if (d.equals(u)) {
        return true;
      }
      if (d.contains("*")) {
        String regex = ("\\Q" + d + "\\E").replace("*", "\\E.*\\Q");
        if (u.matches(regex)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
