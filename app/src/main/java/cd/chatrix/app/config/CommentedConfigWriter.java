package cd.chatrix.app.config;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the wizard's answers as a config.json a person can read and edit later: our own comments
 * explain each key, and only keys that differ from the defaults or are worth knowing appear. The
 * result is the same JSON dialect the loader reads (comments, no trailing commas).
 */
final class CommentedConfigWriter {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final StringBuilder out = new StringBuilder();

  static String render(WizardAnswers a, LocalDate today) {
    return new CommentedConfigWriter().write(a, today);
  }

  private String write(WizardAnswers a, LocalDate today) {
    line(0, "// ChatrixCD configuration, written by `chatrixcd -I` on " + today + ".");
    line(0, "// Comments (// or #) are allowed. Keys left out take their defaults; every key");
    line(0, "// is described in docs/configuration.md. Instead of a value you may write");
    line(
        0,
        "// \"${SOME_VARIABLE}\" to read it from the environment, or use <key>_file for secrets.");
    line(0, "// This file contains secrets: keep it readable by the bot's user only (mode 0600).");
    line(0, "{");
    line(1, "\"_config_version\": " + ChatrixConfig.CURRENT_VERSION + ",");
    blank();
    line(1, "\"matrix\": {");
    line(2, "// The homeserver that hosts the bot's account.");
    entry(2, "homeserver", a.homeserver(), true);
    line(2, "// The bot's own account, as @name:server.");
    entry(2, "user_id", a.userId(), true);
    line(2, "// How the bot logs in: password, token, oidc, sso or oauth.");
    entry(2, "auth_type", a.authType().wireName(), true);
    switch (a.authType()) {
      case PASSWORD -> entry(2, "password", a.password().reveal(), true);
      case TOKEN -> entry(2, "access_token", a.accessToken().reveal(), true);
      case OIDC -> {
        line(2, "// OpenID Connect client credentials; the issuer must use https.");
        entry(2, "oidc_issuer", a.oidcIssuer(), true);
        entry(2, "oidc_client_id", a.oidcClientId(), true);
        entry(2, "oidc_client_secret", a.oidcClientSecret().reveal(), true);
      }
      case SSO, OAUTH ->
          line(2, "// At first start the bot prints a link; sign in there in your browser.");
    }
    line(2, "// The device id stays the same across restarts so encryption keys are reused.");
    entry(2, "device_id", a.deviceId(), true);
    line(2, "// Login session and encryption keys live here: back it up, keep it private.");
    line(2, "// A relative path is taken from the folder of this file.");
    entry(2, "store_path", a.storePath(), true);
    line(2, "// End-to-end encryption, so the bot works in encrypted rooms.");
    raw(2, "e2ee", "true", false);
    line(1, "},");
    blank();
    line(1, "\"semaphore\": {");
    line(2, "// Address of Semaphore UI, without /api.");
    entry(2, "url", a.semaphoreUrl(), true);
    line(2, "// An API token created in Semaphore (User menu → API tokens).");
    entry(2, "api_token", a.semaphoreApiToken().reveal(), true);
    line(2, "// Set to false only for testing against a self-signed certificate.");
    raw(2, "ssl_verify", "true", false);
    line(1, "},");
    blank();
    line(1, "\"bot\": {");
    line(2, "// Commands start with this, e.g. \"!cd help\".");
    entry(2, "command_prefix", "!cd", true);
    line(2, "// Who may administer the bot. Empty: everyone, as in the original ChatrixCD.");
    list(2, "admin_users", a.adminUsers(), true);
    line(2, "// Rooms where the bot listens. Empty: every room it is in.");
    list(2, "allowed_rooms", a.allowedRooms(), true);
    line(2, "// Greetings are posted to these rooms at start-up and shutdown.");
    raw(2, "greetings_enabled", "true", true);
    list(2, "greeting_rooms", List.of(), true);
    line(2, "// Seconds a run waits for its confirmation (👍 or \"yes\").");
    raw(2, "confirmation_timeout", "300", false);
    line(1, "}");
    line(0, "}");
    return out.toString();
  }

  private void entry(int depth, String key, String value, boolean comma) {
    // "$${" keeps a literal "${" in a password from being read back as a variable reference.
    raw(depth, key, JSON.writeValueAsString(value.replace("${", "$${")), comma);
  }

  private void list(int depth, String key, List<String> values, boolean comma) {
    String items = values.stream().map(JSON::writeValueAsString).collect(Collectors.joining(", "));
    raw(depth, key, "[" + items + "]", comma);
  }

  private void raw(int depth, String key, String jsonValue, boolean comma) {
    line(depth, JSON.writeValueAsString(key) + ": " + jsonValue + (comma ? "," : ""));
  }

  private void line(int depth, String text) {
    out.append("  ".repeat(depth)).append(text).append('\n');
  }

  private void blank() {
    out.append('\n');
  }
}
