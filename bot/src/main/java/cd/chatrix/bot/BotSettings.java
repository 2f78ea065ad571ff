package cd.chatrix.bot;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the bot reads from configuration. The app maps its config onto this and hands the bot
 * a supplier, so a hot reload takes effect on the next event.
 *
 * @param botUserId the bot's own MXID (its own events and reactions are ignored)
 * @param prefix command prefix, e.g. {@code !cd}
 * @param allowedRooms rooms where commands are heard; empty means all, unless {@code denyByDefault}
 * @param adminUsers admins; empty means everyone is admin, unless {@code denyByDefault}
 * @param semaphoreUrl web address of Semaphore, for task links
 * @param maxEventBytes budget for body + formatted_body of one event
 * @param runningReminder how often a long run gets a "still running" note; zero for never
 */
public record BotSettings(
    String botUserId,
    String prefix,
    Set<String> allowedRooms,
    Set<String> adminUsers,
    boolean denyByDefault,
    Duration confirmationTimeout,
    Policy policy,
    InvitePolicy invitePolicy,
    RateLimit rateLimit,
    Set<String> greetingRooms,
    boolean greetingsEnabled,
    String semaphoreUrl,
    String botVersion,
    int maxEventBytes,
    Duration runningReminder) {
  public BotSettings {
    allowedRooms = Set.copyOf(allowedRooms);
    adminUsers = Set.copyOf(adminUsers);
    greetingRooms = Set.copyOf(greetingRooms);
    semaphoreUrl =
        semaphoreUrl.endsWith("/")
            ? semaphoreUrl.substring(0, semaphoreUrl.length() - 1)
            : semaphoreUrl;
  }

  /** Who may join the bot to a room. */
  public enum InvitePolicy {
    /** Anyone who may use the bot, into a room the bot may serve. */
    ALLOWED_USERS,
    ADMINS,
    EVERYONE,
    NOBODY
  }

  /** At most {@code commands} per user in any {@code window}; zero commands disables the limit. */
  public record RateLimit(int commands, Duration window) {
    public static final RateLimit OFF = new RateLimit(0, Duration.ofMinutes(1));
  }

  /** Projects and templates a room may use; empty sets mean all. */
  public record RoomScope(Set<Long> projectIds, Set<Long> templateIds) {
    public RoomScope {
      projectIds = Set.copyOf(projectIds);
      templateIds = Set.copyOf(templateIds);
    }

    public static final RoomScope ALL = new RoomScope(Set.of(), Set.of());
  }

  /**
   * Finer access rules on top of the original's admin list.
   *
   * @param operators users (MXIDs or {@code @*:server} patterns) who may run and stop tasks
   * @param viewers users who may look but not change anything
   * @param defaultRole role of anyone else (when admins are configured or deny-by-default is on)
   * @param commandRoles overrides of the minimum role per command name
   * @param roomScopes per-room project/template allow-lists
   * @param approvalTemplates template ids whose runs need a second person's approval
   * @param approvalProjects project ids all of whose runs need a second person's approval
   */
  public record Policy(
      Set<String> operators,
      Set<String> viewers,
      Role defaultRole,
      Map<String, Role> commandRoles,
      Map<String, RoomScope> roomScopes,
      Set<Long> approvalTemplates,
      Set<Long> approvalProjects) {
    public Policy {
      operators = Set.copyOf(operators);
      viewers = Set.copyOf(viewers);
      commandRoles = Map.copyOf(commandRoles);
      roomScopes = Map.copyOf(roomScopes);
      approvalTemplates = Set.copyOf(approvalTemplates);
      approvalProjects = Set.copyOf(approvalProjects);
    }

    /** A policy where no whole project needs approval. */
    public Policy(
        Set<String> operators,
        Set<String> viewers,
        Role defaultRole,
        Map<String, Role> commandRoles,
        Map<String, RoomScope> roomScopes,
        Set<Long> approvalTemplates) {
      this(operators, viewers, defaultRole, commandRoles, roomScopes, approvalTemplates, Set.of());
    }

    public static final Policy OPEN =
        new Policy(Set.of(), Set.of(), Role.NONE, Map.of(), Map.of(), Set.of());

    public RoomScope scope(String roomId) {
      return Optional.ofNullable(roomScopes.get(roomId)).orElse(RoomScope.ALL);
    }
  }

  /** Settings with the original's defaults for the given bot user. */
  public static BotSettings defaults(String botUserId, String semaphoreUrl) {
    return builder(botUserId, semaphoreUrl).build();
  }

  public static Builder builder(String botUserId, String semaphoreUrl) {
    return new Builder(botUserId, semaphoreUrl);
  }

  /** A builder holding this snapshot's values, to derive a changed copy. */
  public Builder toBuilder() {
    var b = new Builder(botUserId, semaphoreUrl);
    b.prefix = prefix;
    b.allowedRooms = allowedRooms;
    b.adminUsers = adminUsers;
    b.denyByDefault = denyByDefault;
    b.confirmationTimeout = confirmationTimeout;
    b.policy = policy;
    b.invitePolicy = invitePolicy;
    b.rateLimit = rateLimit;
    b.greetingRooms = greetingRooms;
    b.greetingsEnabled = greetingsEnabled;
    b.botVersion = botVersion;
    b.maxEventBytes = maxEventBytes;
    b.runningReminder = runningReminder;
    return b;
  }

  public BotSettings withPrefix(String p) {
    return toBuilder().prefix(p).build();
  }

  public BotSettings withAccess(Set<String> rooms, Set<String> admins, boolean deny) {
    return toBuilder().allowedRooms(rooms).adminUsers(admins).denyByDefault(deny).build();
  }

  public BotSettings withPolicy(Policy p) {
    return toBuilder().policy(p).build();
  }

  public BotSettings withInvitePolicy(InvitePolicy p) {
    return toBuilder().invitePolicy(p).build();
  }

  public BotSettings withRateLimit(RateLimit r) {
    return toBuilder().rateLimit(r).build();
  }

  public BotSettings withGreetings(Set<String> rooms, boolean enabled) {
    return toBuilder().greetingRooms(rooms).greetingsEnabled(enabled).build();
  }

  /** Builds settings; every value not set keeps the original ChatrixCD default. */
  public static final class Builder {
    private final String botUserId;
    private final String semaphoreUrl;
    private String prefix = "!cd";
    private Set<String> allowedRooms = Set.of();
    private Set<String> adminUsers = Set.of();
    private boolean denyByDefault;
    private Duration confirmationTimeout = Duration.ofSeconds(300);
    private Policy policy = Policy.OPEN;
    private InvitePolicy invitePolicy = InvitePolicy.ALLOWED_USERS;
    private RateLimit rateLimit = RateLimit.OFF;
    private Set<String> greetingRooms = Set.of();
    private boolean greetingsEnabled = true;
    private String botVersion = "dev";
    private int maxEventBytes = 60_000;
    private Duration runningReminder = Duration.ofSeconds(300);

    private Builder(String botUserId, String semaphoreUrl) {
      this.botUserId = botUserId;
      this.semaphoreUrl = semaphoreUrl;
    }

    public Builder prefix(String v) {
      prefix = v;
      return this;
    }

    public Builder allowedRooms(Set<String> v) {
      allowedRooms = v;
      return this;
    }

    public Builder adminUsers(Set<String> v) {
      adminUsers = v;
      return this;
    }

    public Builder denyByDefault(boolean v) {
      denyByDefault = v;
      return this;
    }

    public Builder confirmationTimeout(Duration v) {
      confirmationTimeout = v;
      return this;
    }

    public Builder policy(Policy v) {
      policy = v;
      return this;
    }

    public Builder invitePolicy(InvitePolicy v) {
      invitePolicy = v;
      return this;
    }

    public Builder rateLimit(RateLimit v) {
      rateLimit = v;
      return this;
    }

    public Builder greetingRooms(Set<String> v) {
      greetingRooms = v;
      return this;
    }

    /** False for {@code -N}. */
    public Builder greetingsEnabled(boolean v) {
      greetingsEnabled = v;
      return this;
    }

    public Builder botVersion(String v) {
      botVersion = v;
      return this;
    }

    public Builder maxEventBytes(int v) {
      maxEventBytes = v;
      return this;
    }

    /** {@code plugins.semaphore_poll.notification_interval}; zero disables the reminders. */
    public Builder runningReminder(Duration v) {
      runningReminder = v;
      return this;
    }

    public BotSettings build() {
      return new BotSettings(
          botUserId,
          prefix,
          allowedRooms,
          adminUsers,
          denyByDefault,
          confirmationTimeout,
          policy,
          invitePolicy,
          rateLimit,
          greetingRooms,
          greetingsEnabled,
          semaphoreUrl,
          botVersion,
          maxEventBytes,
          runningReminder);
    }
  }

  /** The web page of a task in Semaphore (the same shape Semaphore puts in task_details.url). */
  public String taskUrl(long projectId, long taskId) {
    return semaphoreUrl + "/project/" + projectId + "/history?t=" + taskId;
  }
}
