package cd.chatrix.app.boot;

import cd.chatrix.app.config.BotConfig;
import cd.chatrix.app.config.ChatrixConfig;
import cd.chatrix.app.config.PolicyConfig;
import cd.chatrix.bot.BotSettings;
import cd.chatrix.bot.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps the app's configuration onto the bot's {@link BotSettings}. Called again on every hot
 * reload, so it is a pure function of its inputs.
 *
 * <p>Where the two models differ it errs on the side of less access: a room allow-list whose every
 * entry is an unknown name allows nothing (rather than everything, which is what an empty list
 * means), and each such loss is reported in {@link Mapped#warnings()}.
 */
public final class BotSettingsMapper {
  /** No Semaphore id is negative, so a scope holding only this matches nothing. */
  static final long NOTHING = -1L;

  private BotSettingsMapper() {}

  /** The settings and what could not be carried over exactly. */
  public record Mapped(BotSettings settings, List<String> warnings) {
    public Mapped {
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Policy entries must be numeric ids: the bot compares ids only, and names are not looked up
   * (each one is reported in the warnings).
   */
  public static Mapped map(
      ChatrixConfig config, String botUserId, String semaphoreUrl, String botVersion) {
    BotConfig bot = config.bot();
    PolicyConfig policy = bot.policy();
    List<String> warnings = new ArrayList<>();

    // Users given the admin role in bot.policy.roles are admins exactly like admin_users: the bot
    // knows admins only through that one list.
    Set<String> admins = new LinkedHashSet<>(bot.adminUsers());
    Set<String> operators = new LinkedHashSet<>();
    Set<String> viewers = new LinkedHashSet<>();
    policy
        .roles()
        .forEach((user, role) -> {
          switch (role) {
            case ADMIN -> admins.add(user);
            case OPERATOR -> operators.add(user);
            case VIEWER -> viewers.add(user);
            case NONE ->
                warnings.add(
                    "bot.policy.roles."
                        + user
                        + " is \"none\": leave the user out instead, with default_role \"none\""
                        + " nobody unnamed may use the bot");
          }
        });

    if (bot.denyByDefault() && policy.defaultRole() != PolicyConfig.Role.NONE) {
      warnings.add(
          "bot.deny_by_default is on, yet bot.policy.default_role gives everyone not named the"
              + " role \""
              + policy.defaultRole().wireName()
              + "\"; remove default_role to deny them");
    }

    Map<String, Role> commandRoles = new LinkedHashMap<>();
    policy.commands().forEach((command, role) -> commandRoles.put(command, role(role)));

    Map<String, BotSettings.RoomScope> scopes = new LinkedHashMap<>();
    policy
        .rooms()
        .forEach((room, scope) ->
            scopes.put(
                room,
                new BotSettings.RoomScope(
                    ids(scope.projects(), "bot.policy.rooms." + room + ".projects", warnings),
                    ids(scope.templates(), "bot.policy.rooms." + room + ".templates", warnings))));

    BotSettings settings =
        BotSettings.builder(botUserId, semaphoreUrl)
            .prefix(bot.commandPrefix())
            .allowedRooms(Set.copyOf(bot.allowedRooms()))
            .adminUsers(admins)
            .denyByDefault(bot.denyByDefault())
            .confirmationTimeout(bot.confirmationTimeout())
            .policy(
                new BotSettings.Policy(
                    operators,
                    viewers,
                    role(policy.defaultRole()),
                    commandRoles,
                    scopes,
                    idsLenient(
                        policy.requireApproval().templates(),
                        "require_approval.templates",
                        warnings),
                    idsLenient(
                        policy.requireApproval().projects(),
                        "require_approval.projects",
                        warnings)))
            .invitePolicy(invitePolicy(bot.invitePolicy()))
            .rateLimit(
                bot.rateLimitPerMinute() <= 0
                    ? BotSettings.RateLimit.OFF
                    : new BotSettings.RateLimit(bot.rateLimitPerMinute(), Duration.ofMinutes(1)))
            .greetingRooms(Set.copyOf(bot.greetingRooms()))
            .greetingsEnabled(bot.greetingsEnabled())
            .botVersion(botVersion)
            .runningReminder(reminder(config.plugins().semaphorePoll().notificationInterval()))
            .build();
    return new Mapped(settings, warnings);
  }

  static Role role(PolicyConfig.Role role) {
    return switch (role) {
      case NONE -> Role.NONE;
      case VIEWER -> Role.VIEWER;
      case OPERATOR -> Role.OPERATOR;
      case ADMIN -> Role.ADMIN;
    };
  }

  static BotSettings.InvitePolicy invitePolicy(BotConfig.InvitePolicy policy) {
    return switch (policy) {
      case ALLOWED_USERS -> BotSettings.InvitePolicy.ALLOWED_USERS;
      case ANYONE -> BotSettings.InvitePolicy.EVERYONE;
      case NOBODY -> BotSettings.InvitePolicy.NOBODY;
    };
  }

  private static Duration reminder(Duration interval) {
    return interval.isNegative() ? Duration.ZERO : interval;
  }

  /**
   * Numeric entries are ids; others are left out with a warning. A non-empty list that resolves to
   * nothing becomes {@link #NOTHING}, because an empty set would mean "no limit".
   */
  private static Set<Long> ids(List<String> entries, String key, List<String> warnings) {
    Set<Long> ids = new LinkedHashSet<>();
    for (String entry : entries) {
      Optional<Long> id = numeric(entry);
      id.ifPresentOrElse(
          ids::add,
          () ->
              warnings.add(
                  key
                      + ": \""
                      + entry
                      + "\" is not a known id or name and is left out; use the numeric id"
                      + " shown by the projects/templates commands"));
    }
    if (!entries.isEmpty() && ids.isEmpty()) {
      warnings.add(key + ": no entry could be resolved, so this room may run nothing here");
      return Set.of(NOTHING);
    }
    return ids;
  }

  private static Set<Long> idsLenient(List<String> entries, String key, List<String> warnings) {
    Set<Long> ids = new LinkedHashSet<>();
    for (String entry : entries) {
      numeric(entry)
          .ifPresentOrElse(
              ids::add,
              () ->
                  warnings.add(
                      "bot.policy."
                          + key
                          + ": \""
                          + entry
                          + "\" is not a known id or name, so it needs no approval; use the"
                          + " numeric id"));
    }
    return ids;
  }

  private static Optional<Long> numeric(String entry) {
    try {
      long id = Long.parseLong(entry.strip());
      return id >= 0 ? Optional.of(id) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
