package cd.chatrix.app.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Turns a {@link ChatrixConfig} back into the file's JSON shape (snake_case keys). Every secret is
 * shown as {@code "***"} when set; with identity redaction (for {@code -s -R}) user ids, room ids,
 * host names and IP addresses are masked as well. This tree also defines the set of known keys.
 */
public final class ConfigRenderer {

  /** What a set secret is rendered as. */
  public static final String MASK = "***";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final JsonMapper PRETTY =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  // Matrix identifiers: sigil, localpart, server name (host with optional port).
  private static final Pattern MATRIX_ID =
      Pattern.compile("([@!#+$])[^\\s:\"/]+:[A-Za-z0-9.\\-\\[\\]]+(?::\\d+)?");
  private static final Pattern URL_HOST =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)([^/:?#\\s]+)");
  private static final Pattern USER_INFO = Pattern.compile("(://)[^/@\\s]*@");
  private static final Pattern IPV4 = Pattern.compile("\\b\\d{1,3}(?:\\.\\d{1,3}){3}\\b");

  private ConfigRenderer() {}

  /** Pretty JSON of the effective configuration with secrets masked (for {@code -s}). */
  public static String render(ChatrixConfig config, boolean redactIdentities) {
    JsonNode tree = toTree(config);
    if (redactIdentities) {
      tree = redactIdentities(tree);
    }
    return PRETTY.writeValueAsString(tree);
  }

  /** The configuration as a JSON tree with secrets masked; includes {@code _config_version}. */
  public static ObjectNode toTree(ChatrixConfig config) {
    ObjectNode root = NODES.objectNode();
    root.put("_config_version", ChatrixConfig.CURRENT_VERSION);
    root.set("matrix", matrix(config.matrix()));
    root.set("semaphore", semaphore(config.semaphore()));
    root.set("bot", bot(config.bot()));
    root.set("plugins", plugins(config.plugins()));
    ObjectNode http = root.putObject("http");
    http.put("enabled", config.http().enabled());
    http.put("bind", config.http().bind());
    http.put("port", config.http().port());
    http.put("webhook_secret", secret(config.http().webhookSecret()));
    ObjectNode log = root.putObject("log");
    log.put("json", config.log().json());
    log.put("max_file_size_mb", config.log().maxFileSizeMb());
    log.put("max_files", config.log().maxFiles());
    root.set("store", store(config.store()));
    return root;
  }

  private static ObjectNode matrix(MatrixConfig m) {
    ObjectNode node = NODES.objectNode();
    node.put("homeserver", maskUserInfo(m.homeserver()));
    node.put("user_id", m.userId());
    node.put("device_id", m.deviceId());
    node.put("device_name", m.deviceName());
    node.put("auth_type", m.authType().wireName());
    node.put("password", secret(m.password()));
    node.put("access_token", secret(m.accessToken()));
    node.put("login_token", secret(m.loginToken()));
    node.put("oidc_issuer", maskUserInfo(m.oidcIssuer()));
    node.put("oidc_client_id", m.oidcClientId());
    node.put("oidc_client_secret", secret(m.oidcClientSecret()));
    node.set("oidc_scopes", strings(m.oidcScopes()));
    node.put("oidc_redirect_url", maskUserInfo(m.oidcRedirectUrl()));
    node.put("store_path", m.storePath().toString());
    node.put("e2ee", m.e2ee());
    node.put("trust_policy", m.trustPolicy().wireName());
    node.put("pickle_key", secret(m.pickleKey()));
    return node;
  }

  private static ObjectNode store(StoreConfig s) {
    ObjectNode node = NODES.objectNode();
    node.put("type", s.type().wireName());
    node.put("path", path(s.path()));
    node.put("url", maskUserInfo(s.url()));
    node.put("user", s.user());
    node.put("password", secret(s.password()));
    ObjectNode lease = node.putObject("lease");
    lease.put("duration_seconds", s.lease().duration().toSeconds());
    lease.put("renew_seconds", s.lease().renew().toSeconds());
    lease.put("check_seconds", s.lease().check().toSeconds());
    return node;
  }

  private static ObjectNode semaphore(SemaphoreConfig s) {
    ObjectNode node = NODES.objectNode();
    node.put("url", maskUserInfo(s.url()));
    node.put("api_token", secret(s.apiToken()));
    node.put("username", s.username());
    node.put("password", secret(s.password()));
    node.put("ssl_verify", s.sslVerify());
    node.put("ssl_ca_cert", path(s.sslCaCert()));
    node.put("ssl_client_cert", path(s.sslClientCert()));
    node.put("ssl_client_key", path(s.sslClientKey()));
    node.put("timeout_seconds", seconds(s.timeout()));
    return node;
  }

  private static ObjectNode bot(BotConfig b) {
    ObjectNode node = NODES.objectNode();
    node.put("command_prefix", b.commandPrefix());
    node.set("allowed_rooms", strings(b.allowedRooms()));
    node.set("admin_users", strings(b.adminUsers()));
    node.put("deny_by_default", b.denyByDefault());
    node.put("greetings_enabled", b.greetingsEnabled());
    node.set("greeting_rooms", strings(b.greetingRooms()));
    node.put("startup_message", b.startupMessage());
    node.put("shutdown_message", b.shutdownMessage());
    node.put("log_file", b.logFile().toString());
    node.put("mouse_enabled", b.mouseEnabled());
    node.put("color_enabled", b.colorEnabled());
    node.put("color_theme", b.colorTheme().wireName());
    node.put("verbosity", b.verbosity().wireName());
    node.put("confirmation_timeout", seconds(b.confirmationTimeout()));
    node.put("invite_policy", b.invitePolicy().wireName());
    node.put("rate_limit_per_minute", b.rateLimitPerMinute());
    node.put("redact", b.redact());
    node.set("policy", policy(b.policy()));
    return node;
  }

  private static ObjectNode policy(PolicyConfig p) {
    ObjectNode node = NODES.objectNode();
    node.put("default_role", p.defaultRole().wireName());
    ObjectNode roles = node.putObject("roles");
    p.roles().forEach((user, role) -> roles.put(user, role.wireName()));
    ObjectNode commands = node.putObject("commands");
    p.commands().forEach((command, role) -> commands.put(command, role.wireName()));
    ObjectNode rooms = node.putObject("rooms");
    for (Map.Entry<String, PolicyConfig.RoomScope> room : p.rooms().entrySet()) {
      ObjectNode scope = rooms.putObject(room.getKey());
      scope.set("projects", strings(room.getValue().projects()));
      scope.set("templates", strings(room.getValue().templates()));
    }
    ObjectNode approval = node.putObject("require_approval");
    approval.set("templates", strings(p.requireApproval().templates()));
    approval.set("projects", strings(p.requireApproval().projects()));
    return node;
  }

  private static ObjectNode plugins(PluginsConfig p) {
    ObjectNode node = NODES.objectNode();
    ObjectNode poll = node.putObject("semaphore_poll");
    poll.put("enabled", p.semaphorePoll().enabled());
    poll.put("poll_interval", seconds(p.semaphorePoll().pollInterval()));
    poll.put("notification_interval", seconds(p.semaphorePoll().notificationInterval()));
    ObjectNode aliases = node.putObject("aliases");
    aliases.put("enabled", p.aliases().enabled());
    aliases.put("aliases_file", p.aliases().aliasesFile().toString());
    return node;
  }

  private static String secret(Secret secret) {
    return secret.isPresent() ? MASK : "";
  }

  private static String path(Optional<Path> path) {
    return path.map(Path::toString).orElse("");
  }

  private static long seconds(Duration duration) {
    return duration.toSeconds();
  }

  private static ArrayNode strings(Collection<String> values) {
    ArrayNode array = NODES.arrayNode();
    values.forEach(array::add);
    return array;
  }

  /** Hides {@code user:password@} in a URL: credentials sometimes hide in addresses. */
  static String maskUserInfo(String url) {
    return USER_INFO.matcher(url).replaceAll("$1***@");
  }

  /** Masks identities in every string value and object key, recursively. */
  static JsonNode redactIdentities(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = NODES.objectNode();
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        copy.set(redactText(entry.getKey()), redactIdentities(entry.getValue()));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = NODES.arrayNode();
      node.values().forEach(element -> copy.add(redactIdentities(element)));
      return copy;
    }
    if (node.isString()) {
      return StringNode.valueOf(redactText(node.stringValue()));
    }
    return node;
  }

  static String redactText(String text) {
    String out = MATRIX_ID.matcher(text).replaceAll(m -> quote(m.group(1)) + "***:***");
    out = URL_HOST.matcher(out).replaceAll(m -> quote(m.group(1)) + "***");
    return IPV4.matcher(out).replaceAll("***");
  }

  private static String quote(String literal) {
    return Matcher.quoteReplacement(literal);
  }
}
