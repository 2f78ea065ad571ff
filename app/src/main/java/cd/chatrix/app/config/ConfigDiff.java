package cd.chatrix.app.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * What changed between two configurations, as dotted key paths, so a reload can say what it applied
 * and which changes wait for a restart. Secrets are compared by value but reported by name only.
 */
public final class ConfigDiff {

  private static final Map<String, Function<ChatrixConfig, Secret>> SECRETS =
      Map.of(
          "matrix.password", c -> c.matrix().password(),
          "matrix.access_token", c -> c.matrix().accessToken(),
          "matrix.login_token", c -> c.matrix().loginToken(),
          "matrix.oidc_client_secret", c -> c.matrix().oidcClientSecret(),
          "matrix.pickle_key", c -> c.matrix().pickleKey(),
          "semaphore.api_token", c -> c.semaphore().apiToken(),
          "semaphore.password", c -> c.semaphore().password(),
          "http.webhook_secret", c -> c.http().webhookSecret(),
          "store.password", c -> c.store().password());

  /**
   * Keys read once at start-up: the Matrix session, the Semaphore client, listeners and log files.
   * A change to one of these is logged as needing a restart.
   */
  private static final List<String> RESTART_PREFIXES =
      List.of(
          "matrix.",
          "semaphore.",
          "http.",
          "log.",
          "store.",
          "bot.log_file",
          "plugins.aliases.aliases_file");

  private ConfigDiff() {}

  /** Dotted paths of every setting whose value differs, in file order. */
  public static Set<String> changedKeys(ChatrixConfig before, ChatrixConfig after) {
    Set<String> changed = new LinkedHashSet<>();
    compare(ConfigRenderer.toTree(before), ConfigRenderer.toTree(after), "", changed);
    SECRETS.forEach((key, secret) -> {
      if (!secret.apply(before).equals(secret.apply(after))) {
        changed.add(key);
      }
    });
    return changed;
  }

  /** Whether a change to {@code keyPath} only takes effect after a restart. */
  public static boolean needsRestart(String keyPath) {
    return RESTART_PREFIXES.stream().anyMatch(keyPath::startsWith);
  }

  private static void compare(JsonNode a, JsonNode b, String path, Set<String> changed) {
    if (a.isObject() && b.isObject() && !isMap(path)) {
      Set<String> names = new LinkedHashSet<>(a.propertyNames());
      names.addAll(b.propertyNames());
      for (String name : names) {
        String child = path.isEmpty() ? name : path + "." + name;
        compare(a.path(name), b.path(name), child, changed);
      }
    } else if (!a.equals(b)) {
      changed.add(path);
    }
  }

  /** User-keyed maps are reported as one key: "bot.policy.roles changed" reads better. */
  private static boolean isMap(String path) {
    return path.equals("bot.policy.roles")
        || path.equals("bot.policy.commands")
        || path.equals("bot.policy.rooms");
  }
}
