package cd.chatrix.app.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The environment variables the original supported (before it dropped them), and this build's
 * {@code STORE_*} for the {@code store} section, as a JSON tree in the file's shape. The
 * environment is passed in, never read here, so tests control it. Empty variables count as unset.
 */
final class EnvironmentLayer {

  enum Kind {
    TEXT,
    LIST,
    BOOLEAN
  }

  record Binding(String keyPath, Kind kind) {}

  /** Variable name → key path, in the order docs/configuration.md lists them. */
  static final Map<String, Binding> VARIABLES = variables();

  private EnvironmentLayer() {}

  private static Map<String, Binding> variables() {
    Map<String, Binding> map = new LinkedHashMap<>();
    text(map, "MATRIX_HOMESERVER", "matrix.homeserver");
    text(map, "MATRIX_USER_ID", "matrix.user_id");
    text(map, "MATRIX_DEVICE_ID", "matrix.device_id");
    text(map, "MATRIX_DEVICE_NAME", "matrix.device_name");
    text(map, "MATRIX_AUTH_TYPE", "matrix.auth_type");
    text(map, "MATRIX_PASSWORD", "matrix.password");
    text(map, "MATRIX_ACCESS_TOKEN", "matrix.access_token");
    text(map, "MATRIX_OIDC_ISSUER", "matrix.oidc_issuer");
    text(map, "MATRIX_OIDC_CLIENT_ID", "matrix.oidc_client_id");
    text(map, "MATRIX_OIDC_CLIENT_SECRET", "matrix.oidc_client_secret");
    text(map, "MATRIX_STORE_PATH", "matrix.store_path");
    text(map, "SEMAPHORE_URL", "semaphore.url");
    text(map, "SEMAPHORE_API_TOKEN", "semaphore.api_token");
    text(map, "STORE_TYPE", "store.type");
    text(map, "STORE_PATH", "store.path");
    text(map, "STORE_URL", "store.url");
    text(map, "STORE_USER", "store.user");
    text(map, "STORE_PASSWORD", "store.password");
    text(map, "BOT_COMMAND_PREFIX", "bot.command_prefix");
    text(map, "BOT_STARTUP_MESSAGE", "bot.startup_message");
    text(map, "BOT_SHUTDOWN_MESSAGE", "bot.shutdown_message");
    map.put("BOT_ALLOWED_ROOMS", new Binding("bot.allowed_rooms", Kind.LIST));
    map.put("BOT_ADMIN_USERS", new Binding("bot.admin_users", Kind.LIST));
    map.put("BOT_GREETING_ROOMS", new Binding("bot.greeting_rooms", Kind.LIST));
    map.put("BOT_GREETINGS_ENABLED", new Binding("bot.greetings_enabled", Kind.BOOLEAN));
    return Map.copyOf(map);
  }

  private static void text(Map<String, Binding> map, String name, String keyPath) {
    map.put(name, new Binding(keyPath, Kind.TEXT));
  }

  /** Variable name for a key path, if one exists (used in hints). */
  static String variableFor(String keyPath) {
    return VARIABLES.entrySet().stream()
        .filter(e -> e.getValue().keyPath().equals(keyPath))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse("");
  }

  static ObjectNode tree(Map<String, String> environment) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    VARIABLES.forEach((name, binding) -> {
      String raw = environment.get(name);
      if (raw == null || raw.isBlank()) {
        return;
      }
      String[] path = binding.keyPath().split("\\.");
      ObjectNode section = root.withObjectProperty(path[0]);
      switch (binding.kind()) {
        case TEXT ->
            section.put(
                path[1], SecretFiles.SECRET_KEYS.contains(binding.keyPath()) ? raw : raw.strip());
        case LIST -> section.set(path[1], list(raw));
        case BOOLEAN -> putBoolean(section, path[1], raw.strip());
      }
    });
    return root;
  }

  private static ArrayNode list(String raw) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    Arrays.stream(raw.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(array::add);
    return array;
  }

  private static void putBoolean(ObjectNode section, String key, String raw) {
    switch (raw.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1" -> section.put(key, true);
      case "false", "no", "off", "0" -> section.put(key, false);
      // Left as text so the binder reports it with the key path like any other bad boolean.
      default -> section.put(key, raw);
    }
  }
}
