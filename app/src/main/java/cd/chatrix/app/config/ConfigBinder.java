package cd.chatrix.app.config;

import cd.chatrix.app.config.BotConfig.ColorTheme;
import cd.chatrix.app.config.BotConfig.InvitePolicy;
import cd.chatrix.app.config.BotConfig.Verbosity;
import cd.chatrix.app.config.MatrixConfig.AuthType;
import cd.chatrix.app.config.MatrixConfig.TrustPolicy;
import cd.chatrix.app.config.PolicyConfig.Role;
import cd.chatrix.bot.command.CommandSpec;
import cd.chatrix.bot.commands.Commands;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Builds the typed records from the merged tree (defaults, environment and file already layered).
 * Type, enum and range mistakes are collected by {@link NodeReader}; relations between keys are
 * checked afterwards by {@link ConfigValidator}.
 */
final class ConfigBinder {

  /** Command names a policy may mention (the bot's own list); others are warned about. */
  static final Set<String> COMMANDS =
      Commands.ALL.specs().stream().map(CommandSpec::name).collect(Collectors.toUnmodifiableSet());

  /** Themes the original's wizard offered but its TUI never had. */
  private static final Set<String> RETIRED_THEMES = Set.of("windows31", "msdos");

  private final ChatrixConfig d = ChatrixConfig.defaults();

  ChatrixConfig bind(NodeReader r) {
    return new ChatrixConfig(
        matrix(r), semaphore(r), bot(r), plugins(r), http(r), log(r), store(r));
  }

  private MatrixConfig matrix(NodeReader r) {
    MatrixConfig m = d.matrix();
    return new MatrixConfig(
        r.text("matrix.homeserver", m.homeserver()).strip(),
        r.text("matrix.user_id", m.userId()).strip(),
        r.text("matrix.device_id", m.deviceId()).strip(),
        r.text("matrix.device_name", m.deviceName()),
        r.choice("matrix.auth_type", AuthType.class, m.authType()),
        r.secret("matrix.password"),
        r.secret("matrix.access_token"),
        r.secret("matrix.login_token"),
        r.text("matrix.oidc_issuer", m.oidcIssuer()).strip(),
        r.text("matrix.oidc_client_id", m.oidcClientId()).strip(),
        r.secret("matrix.oidc_client_secret"),
        r.strings("matrix.oidc_scopes"),
        r.text("matrix.oidc_redirect_url", m.oidcRedirectUrl()).strip(),
        r.path("matrix.store_path", m.storePath()),
        r.bool("matrix.e2ee", m.e2ee()),
        r.choice("matrix.trust_policy", TrustPolicy.class, m.trustPolicy()),
        r.secret("matrix.pickle_key"));
  }

  private SemaphoreConfig semaphore(NodeReader r) {
    SemaphoreConfig s = d.semaphore();
    String url = r.text("semaphore.url", s.url()).strip();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    return new SemaphoreConfig(
        url,
        r.secret("semaphore.api_token"),
        r.text("semaphore.username", s.username()).strip(),
        r.secret("semaphore.password"),
        r.bool("semaphore.ssl_verify", s.sslVerify()),
        r.optionalPath("semaphore.ssl_ca_cert"),
        r.optionalPath("semaphore.ssl_client_cert"),
        r.optionalPath("semaphore.ssl_client_key"),
        r.seconds("semaphore.timeout_seconds", 1, 600, s.timeout()));
  }

  private BotConfig bot(NodeReader r) {
    BotConfig b = d.bot();
    boolean denyByDefault = r.bool("bot.deny_by_default", b.denyByDefault());
    return new BotConfig(
        r.text("bot.command_prefix", b.commandPrefix()).strip(),
        r.strings("bot.allowed_rooms"),
        r.strings("bot.admin_users"),
        denyByDefault,
        r.bool("bot.greetings_enabled", b.greetingsEnabled()),
        r.strings("bot.greeting_rooms"),
        r.text("bot.startup_message", b.startupMessage()),
        r.text("bot.shutdown_message", b.shutdownMessage()),
        r.path("bot.log_file", b.logFile()),
        r.bool("bot.mouse_enabled", b.mouseEnabled()),
        r.bool("bot.color_enabled", b.colorEnabled()),
        colorTheme(r),
        r.choice("bot.verbosity", Verbosity.class, b.verbosity()),
        r.seconds("bot.confirmation_timeout", 10, 86_400, b.confirmationTimeout()),
        r.choice("bot.invite_policy", InvitePolicy.class, b.invitePolicy()),
        r.integer("bot.rate_limit_per_minute", 0, 10_000, b.rateLimitPerMinute()),
        r.bool("bot.redact", b.redact()),
        policy(r, denyByDefault));
  }

  private static ColorTheme colorTheme(NodeReader r) {
    JsonNode node = r.node("bot.color_theme");
    if (node.isString() && RETIRED_THEMES.contains(node.stringValue().strip())) {
      r.warning(
          "bot.color_theme",
          "theme \"" + node.stringValue().strip() + "\" does not exist; using \"default\"",
          "choose default, midnight or grayscale");
      return ColorTheme.DEFAULT;
    }
    return r.choice("bot.color_theme", ColorTheme.class, ColorTheme.DEFAULT);
  }

  private PolicyConfig policy(NodeReader r, boolean denyByDefault) {
    String base = "bot.policy";
    // deny_by_default denies whoever is not named, unless the file gives everyone else a role.
    Role defaultRole =
        r.choice(base + ".default_role", Role.class, PolicyConfig.defaultRoleFor(denyByDefault));

    Map<String, Role> roles = new LinkedHashMap<>();
    forEachEntry(
        r,
        base + ".roles",
        (key, path, value) -> {
          roles.put(key, r.choice(path, value, Role.class, Role.VIEWER));
        });

    Map<String, Role> commands = new LinkedHashMap<>();
    forEachEntry(
        r,
        base + ".commands",
        (key, path, value) -> {
          if (!COMMANDS.contains(key)) {
            String hint = Suggestions.hint(key, COMMANDS);
            r.warning(
                path,
                "is not a command of this bot; the entry has no effect",
                hint.isEmpty()
                    ? "commands: " + String.join(", ", COMMANDS.stream().sorted().toList())
                    : hint);
          }
          commands.put(key, r.choice(path, value, Role.class, Role.ADMIN));
        });

    Map<String, PolicyConfig.RoomScope> rooms = new LinkedHashMap<>();
    forEachEntry(
        r,
        base + ".rooms",
        (key, path, value) -> {
          if (!value.isObject()) {
            r.problem(path, "must be an object with \"projects\" and/or \"templates\" lists", "");
            return;
          }
          rooms.put(
              key,
              new PolicyConfig.RoomScope(
                  r.strings(path + ".projects", value.path("projects")),
                  r.strings(path + ".templates", value.path("templates"))));
        });

    JsonNode approval = r.node(base + ".require_approval");
    PolicyConfig.ApprovalRule rule =
        new PolicyConfig.ApprovalRule(
            r.strings(base + ".require_approval.templates", approval.path("templates")),
            r.strings(base + ".require_approval.projects", approval.path("projects")));
    return new PolicyConfig(defaultRole, roles, commands, rooms, rule);
  }

  private interface EntryConsumer {
    void accept(String key, String keyPath, JsonNode value);
  }

  private static void forEachEntry(NodeReader r, String keyPath, EntryConsumer consumer) {
    JsonNode node = r.node(keyPath);
    if (node.isMissingNode() || node.isNull()) {
      return;
    }
    if (!node.isObject()) {
      r.problem(keyPath, "must be an object such as {\"key\": \"value\"}", "");
      return;
    }
    for (Map.Entry<String, JsonNode> entry : List.copyOf(node.properties())) {
      consumer.accept(entry.getKey(), keyPath + "." + entry.getKey(), entry.getValue());
    }
  }

  private PluginsConfig plugins(NodeReader r) {
    PluginsConfig p = d.plugins();
    return new PluginsConfig(
        new PluginsConfig.SemaphorePoll(
            r.bool("plugins.semaphore_poll.enabled", p.semaphorePoll().enabled()),
            r.seconds(
                "plugins.semaphore_poll.poll_interval", 1, 3_600, p.semaphorePoll().pollInterval()),
            r.seconds(
                "plugins.semaphore_poll.notification_interval",
                0,
                86_400,
                p.semaphorePoll().notificationInterval())),
        new PluginsConfig.Aliases(
            r.bool("plugins.aliases.enabled", p.aliases().enabled()),
            r.path("plugins.aliases.aliases_file", p.aliases().aliasesFile())));
  }

  private HttpConfig http(NodeReader r) {
    HttpConfig h = d.http();
    return new HttpConfig(
        r.bool("http.enabled", h.enabled()),
        r.text("http.bind", h.bind()).strip(),
        r.integer("http.port", 0, 65_535, h.port()),
        r.secret("http.webhook_secret"));
  }

  private StoreConfig store(NodeReader r) {
    StoreConfig s = d.store();
    return new StoreConfig(
        r.choice("store.type", StoreConfig.Type.class, s.type()),
        r.optionalPath("store.path"),
        r.text("store.url", s.url()).strip(),
        r.text("store.user", s.user()).strip(),
        r.secret("store.password"),
        new StoreConfig.Lease(
            r.seconds("store.lease.duration_seconds", 2, 600, s.lease().duration()),
            r.seconds("store.lease.renew_seconds", 1, 300, s.lease().renew()),
            r.seconds("store.lease.check_seconds", 1, 300, s.lease().check())));
  }

  private LogConfig log(NodeReader r) {
    LogConfig l = d.log();
    return new LogConfig(
        r.bool("log.json", l.json()),
        r.integer("log.max_file_size_mb", 1, 10_240, l.maxFileSizeMb()),
        r.integer("log.max_files", 1, 1_000, l.maxFiles()));
  }
}
