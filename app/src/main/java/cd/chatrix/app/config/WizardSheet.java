package cd.chatrix.app.config;

import static cd.chatrix.app.config.SetupWizard.json;

import cd.chatrix.app.config.ConfigFileEditor.Edit;
import cd.chatrix.app.config.MatrixConfig.AuthType;
import cd.chatrix.app.config.StoredValues.SecretSource;
import cd.chatrix.app.config.WizardPrompts.EndOfInput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wizard's answers so far, kept two ways: as changes to the stored file (only keys whose answer
 * differs from what is written there) and as plain values for a new file.
 */
final class WizardSheet {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One key that changes, as listed before writing. */
  record Change(String keyPath, String before, String after, Edit edit) {}

  final StoredValues stored;
  final boolean existing;
  final List<Change> changes = new ArrayList<>();
  final Map<String, String> values = new HashMap<>();
  final Map<String, Secret> secrets = new HashMap<>();
  final Map<String, List<String>> lists = new HashMap<>();
  AuthType authType = AuthType.PASSWORD;

  private final Map<String, String> environment;

  /**
   * @param environment where a key missing from the file may come from instead; such a value is
   *     shown as the current one and Enter leaves the key out of the file, as it was
   */
  WizardSheet(StoredValues stored, boolean existing, Map<String, String> environment) {
    this.stored = stored;
    this.existing = existing;
    this.environment = environment;
  }

  /** The value of the environment variable that fills {@code keyPath}, if one is set. */
  private Optional<String> fromEnvironment(String keyPath) {
    String variable = EnvironmentLayer.variableFor(keyPath);
    return Optional.ofNullable(variable.isEmpty() ? null : environment.get(variable))
        .map(String::strip)
        .filter(v -> !v.isEmpty());
  }

  void put(String keyPath, String json, String before, String after) {
    changes.add(new Change(keyPath, before, after, new Edit.Put(keyPath, json)));
  }

  String text(
      WizardPrompts ask,
      String keyPath,
      String question,
      String fallback,
      Function<String, String> check)
      throws EndOfInput {
    Optional<String> now = stored.text(keyPath);
    fallback = fromEnvironment(keyPath).orElse(fallback);
    String answer = ask.ask(question, now.orElse(fallback), check);
    if (keyPath.equals("semaphore.url") && !answer.equals(now.orElse(fallback))) {
      answer = answer.replaceAll("/+$", "");
    }
    values.put(keyPath, answer);
    if (!answer.equals(now.orElse(fallback))) {
      put(keyPath, json(answer), now.map(SetupWizard::json).orElse("(not set)"), json(answer));
    }
    return answer;
  }

  /** Device id and store path: a change must be agreed to with "yes", after its cost. */
  void identity(
      WizardPrompts ask, String keyPath, String question, String fallback, String consequence)
      throws EndOfInput {
    String before = stored.text(keyPath).or(() -> fromEnvironment(keyPath)).orElse(fallback);
    String answer = ask.ask(question, before, v -> v.isEmpty() ? "this cannot be empty" : "");
    boolean agreed =
        !answer.equals(before)
            && (!existing
                || agreeTo(ask, consequence, keyPath + " from " + before + " to " + answer));
    values.put(keyPath, agreed ? answer : before);
    if (agreed) {
      put(keyPath, json(answer), json(before), json(answer));
    }
  }

  private static boolean agreeTo(WizardPrompts ask, String consequence, String change)
      throws EndOfInput {
    ask.say("  " + consequence);
    if (ask.explicitYes("  Change " + change + "?")) {
      return true;
    }
    ask.say("  Kept the current value.");
    return false;
  }

  void secret(WizardPrompts ask, String keyPath, String question) throws EndOfInput {
    SecretSource source = stored.secret(keyPath);
    String leaf = keyPath.substring(keyPath.indexOf('.') + 1);
    Optional<String> kept =
        switch (source) {
          case SecretSource.Inline inline -> Optional.of("the stored one");
          case SecretSource.FromFile f -> Optional.of(leaf + "_file " + f.location());
          case SecretSource.Variable v -> Optional.of(v.reference());
          case SecretSource.None none ->
              fromEnvironment(keyPath)
                  .map(v -> EnvironmentLayer.variableFor(keyPath) + " from the environment");
        };
    Optional<Secret> typed = ask.secret(question, kept);
    if (typed.isEmpty()) {
      return;
    }
    secrets.put(keyPath, typed.get());
    // "$${" keeps a literal "${" in a secret from being read back as a variable reference.
    String value = json(typed.get().reveal().replace("${", "$${"));
    String before =
        switch (source) {
          case SecretSource.Inline inline -> "(hidden)";
          case SecretSource.FromFile f -> "(not set)";
          case SecretSource.Variable v -> v.reference();
          case SecretSource.None none -> "(not set)";
        };
    changes.add(new Change(keyPath, before, "a new value (hidden)", new Edit.Put(keyPath, value)));
    if (source instanceof SecretSource.FromFile f) {
      String fileKey = keyPath + SecretFiles.SUFFIX;
      changes.add(
          new Change(
              fileKey,
              json(f.location()),
              "removed (the value you typed replaces it)",
              new Edit.Remove(fileKey)));
    }
  }

  void list(WizardPrompts ask, String keyPath, String question) throws EndOfInput {
    Optional<String> now = stored.list(keyPath);
    String shown = now.or(() -> fromEnvironment(keyPath)).orElse("");
    String answer = ask.ask(question, shown, v -> "");
    List<String> items =
        Arrays.stream(answer.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    lists.put(keyPath, items);
    if (answer.equals(shown)) {
      return;
    }
    String rendered = JSON.writeValueAsString(items).replace(",", ", ");
    put(keyPath, rendered, now.map(n -> "[" + n + "]").orElse("(not set)"), rendered);
  }

  WizardAnswers toWizardAnswers() {
    return new WizardAnswers(
        values.getOrDefault("matrix.homeserver", "https://matrix.org"),
        values.getOrDefault("matrix.user_id", ""),
        authType,
        secrets.getOrDefault("matrix.password", Secret.NONE),
        secrets.getOrDefault("matrix.access_token", Secret.NONE),
        values.getOrDefault("matrix.oidc_issuer", ""),
        values.getOrDefault("matrix.oidc_client_id", ""),
        secrets.getOrDefault("matrix.oidc_client_secret", Secret.NONE),
        values.getOrDefault("matrix.device_id", "CHATRIXCD"),
        values.getOrDefault("matrix.store_path", "./store"),
        values.getOrDefault("semaphore.url", ""),
        secrets.getOrDefault("semaphore.api_token", Secret.NONE),
        lists.getOrDefault("bot.admin_users", List.of()),
        lists.getOrDefault("bot.allowed_rooms", List.of()));
  }
}
