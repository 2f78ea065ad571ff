package cd.chatrix.app.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Finds keys in the user's file that this build does not use and explains each: a typo gets a "did
 * you mean", a setting of the original that has no effect here says so. Never fatal, because the
 * original ignored unknown keys too. The known keys are the rendered defaults, so the list cannot
 * drift from the records.
 */
final class KnownKeys {

  /** Sections whose keys are user data (user ids, command names, room ids), not settings. */
  private static final Set<String> FREE_MAPS =
      Set.of("bot.policy.roles", "bot.policy.commands", "bot.policy.rooms");

  private static final Set<String> ROOM_SCOPE_KEYS = Set.of("projects", "templates");

  /** Keys the original wrote that are accepted silently: they are harmless where they are. */
  private static final Set<String> SILENT_LEGACY =
      Set.of(
          "bot.tui_mode",
          "plugins.aliases.auto_reload",
          "plugins.aliases.reserved_commands",
          "plugins.aliases.command_prefix");

  /** Plugins of the original whose settings do nothing here, with what to use instead. */
  private static final Map<String, String> RETIRED_PLUGINS =
      Map.of(
          "semaphore_webhook",
          "Semaphore webhooks are received directly: see http.enabled and http.webhook_secret",
          "oidc_auth",
          "SSO login is built in: set matrix.auth_type to \"sso\"",
          "OIDC Authentication",
          "SSO login is built in: set matrix.auth_type to \"sso\"",
          "example_plugin",
          "plugins are not loaded from files in this version");

  private final ObjectNode schema = ConfigRenderer.toTree(ChatrixConfig.defaults());

  List<ConfigProblem> check(JsonNode fileRoot) {
    List<ConfigProblem> warnings = new ArrayList<>();
    walk(fileRoot, schema, "", warnings);
    return warnings;
  }

  private void walk(JsonNode node, JsonNode known, String path, List<ConfigProblem> warnings) {
    if (!node.isObject() || !known.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String key = entry.getKey();
      String keyPath = path.isEmpty() ? key : path + "." + key;
      JsonNode value = entry.getValue();
      if (known.has(key)) {
        if (FREE_MAPS.contains(keyPath)) {
          if (keyPath.equals("bot.policy.rooms")) {
            checkRoomScopes(value, keyPath, warnings);
          }
        } else {
          walk(value, known.get(key), keyPath, warnings);
        }
        continue;
      }
      if (isSecretFileKey(keyPath) || SILENT_LEGACY.contains(keyPath)) {
        continue;
      }
      if (keyPath.equals("bot.load_plugins")) {
        if (value.isBoolean() && !value.booleanValue()) {
          warnings.add(
              new ConfigProblem(
                  keyPath,
                  "is ignored: monitoring and aliases are built in",
                  "switch them off with plugins.semaphore_poll.enabled and"
                      + " plugins.aliases.enabled"));
        }
        continue;
      }
      if (path.equals("plugins") && RETIRED_PLUGINS.containsKey(key)) {
        warnings.add(new ConfigProblem(keyPath, "is ignored", RETIRED_PLUGINS.get(key)));
        continue;
      }
      List<String> candidates = new ArrayList<>(known.propertyNames());
      candidates.addAll(secretFileKeys(path));
      String hint = Suggestions.hint(key, candidates);
      warnings.add(
          new ConfigProblem(
              keyPath,
              "is not a known setting and is ignored",
              hint.isEmpty() ? "see docs/configuration.md for the keys of this section" : hint));
    }
  }

  private static void checkRoomScopes(JsonNode rooms, String path, List<ConfigProblem> warnings) {
    if (!rooms.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> room : rooms.properties()) {
      if (!room.getValue().isObject()) {
        continue;
      }
      for (String key : room.getValue().propertyNames()) {
        if (!ROOM_SCOPE_KEYS.contains(key)) {
          warnings.add(
              new ConfigProblem(
                  path + "." + room.getKey() + "." + key,
                  "is not a known setting and is ignored",
                  Suggestions.closest(key, ROOM_SCOPE_KEYS)
                      .map(s -> "did you mean '" + s + "'?")
                      .orElse("a room scope has only 'projects' and 'templates'")));
        }
      }
    }
  }

  private static boolean isSecretFileKey(String keyPath) {
    return keyPath.endsWith(SecretFiles.SUFFIX)
        && SecretFiles.SECRET_KEYS.contains(
            keyPath.substring(0, keyPath.length() - SecretFiles.SUFFIX.length()));
  }

  private static List<String> secretFileKeys(String section) {
    String prefix = section + ".";
    return SecretFiles.SECRET_KEYS.stream()
        .filter(k -> k.startsWith(prefix))
        .map(k -> k.substring(prefix.length()) + SecretFiles.SUFFIX)
        .toList();
  }
}
