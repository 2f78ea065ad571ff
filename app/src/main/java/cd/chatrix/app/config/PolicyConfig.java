package cd.chatrix.app.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bot.policy}: roles per user, the minimum role per command, per-room project/template
 * allow-lists, and which runs need a second person's approval. Maps keep the file's order.
 */
public record PolicyConfig(
    Role defaultRole,
    Map<String, Role> roles,
    Map<String, Role> commands,
    Map<String, RoomScope> rooms,
    ApprovalRule requireApproval) {

  public PolicyConfig {
    roles = ConfigMaps.ordered(roles);
    commands = ConfigMaps.ordered(commands);
    rooms = ConfigMaps.ordered(rooms);
  }

  /**
   * The role of users named nowhere when {@code default_role} is not given: {@code viewer}, or
   * {@code none} under {@code bot.deny_by_default}, which must deny anyone not named.
   */
  public static Role defaultRoleFor(boolean denyByDefault) {
    return denyByDefault ? Role.NONE : Role.VIEWER;
  }

  static PolicyConfig defaults() {
    return new PolicyConfig(
        Role.VIEWER, Map.of(), Map.of(), Map.of(), new ApprovalRule(List.of(), List.of()));
  }

  /**
   * Ordered roles: each one may do everything the one before may. {@code none} may do nothing: as
   * {@code default_role} it makes the bot answer only the users it was told about.
   */
  public enum Role {
    NONE,
    VIEWER,
    OPERATOR,
    ADMIN;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Role other) {
      return compareTo(other) >= 0;
    }
  }

  /** What may be run from one room; an empty list means no restriction on that dimension. */
  public record RoomScope(List<String> projects, List<String> templates) {
    public RoomScope {
      projects = List.copyOf(projects);
      templates = List.copyOf(templates);
    }
  }

  /** Templates and projects (by id or name) whose runs need approval by a second user. */
  public record ApprovalRule(List<String> templates, List<String> projects) {
    public ApprovalRule {
      templates = List.copyOf(templates);
      projects = List.copyOf(projects);
    }
  }
}
