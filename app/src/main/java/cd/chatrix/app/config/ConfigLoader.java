package cd.chatrix.app.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Loads config.json the way an existing ChatrixCD user expects, layered as: CLI overrides, then the
 * file, then environment variables, then defaults. {@code ${VAR}} references and {@code *_file}
 * secrets are resolved, every key is validated, and all problems come back together. The user's
 * file is only ever read: an old {@code _config_version} is understood in memory.
 *
 * <pre>{@code
 * var loader = new ConfigLoader(System.getenv(), Path.of(""));
 * switch (loader.load(Path.of("config.json"), overrides)) {
 *   case LoadResult.Loaded ok -> start(ok.config());
 *   case LoadResult.Invalid bad -> bad.problems().forEach(p -> err.println(p.describe()));
 * }
 * }</pre>
 */
public final class ConfigLoader {

  private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

  private final Map<String, String> environment;
  private final Path baseDir;
  private final ConfigPaths paths;
  private final Set<String> announcedOldVersion = ConcurrentHashMap.newKeySet();
  private final Set<String> announcedSso = ConcurrentHashMap.newKeySet();

  /**
   * @param environment variables to read (production: {@code System.getenv()})
   * @param baseDir the config file's folder: every relative path in the file is taken from here
   */
  public ConfigLoader(Map<String, String> environment, Path baseDir) {
    this(environment, baseDir, Path.of(""));
  }

  /**
   * @param workingDir where the original ChatrixCD looked for relative paths; a file found only
   *     there is still used (see {@link ConfigPaths})
   */
  ConfigLoader(Map<String, String> environment, Path baseDir, Path workingDir) {
    this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    this.baseDir = Objects.requireNonNull(baseDir, "baseDir").toAbsolutePath();
    this.paths = new ConfigPaths(this.baseDir, Objects.requireNonNull(workingDir, "workingDir"));
  }

  /**
   * Loads {@code file}. A missing or unreadable file is a problem like any other: starting on
   * environment variables and defaults because of a typo in a path would run a bot nobody meant.
   */
  public LoadResult load(Path file, ConfigOverrides overrides) {
    return switch (ConfigText.read(file)) {
      case ConfigText.Read.Unreadable unreadable ->
          new LoadResult.Invalid(List.of(unreadable.problem()), List.of());
      case ConfigText.Read.Text read ->
          loadText(Optional.of(read.text()), file, overrides, List.of());
    };
  }

  /** Loads from already-read text; {@code origin} is used in messages only. */
  public LoadResult loadText(String text, Path origin, ConfigOverrides overrides) {
    return loadText(Optional.of(text), origin, overrides, List.of());
  }

  private LoadResult loadText(
      Optional<String> text, Path origin, ConfigOverrides overrides, List<ConfigProblem> initial) {
    List<ConfigProblem> problems = new ArrayList<>();
    List<ConfigProblem> warnings = new ArrayList<>(initial);
    String fileName = origin.toString();

    ObjectNode fileTree = JsonNodeFactory.instance.objectNode();
    if (text.isPresent()) {
      switch (LenientJson.parse(text.get(), fileName)) {
        case LenientJson.Parsed.Failed failed -> {
          return new LoadResult.Invalid(List.of(failed.problem()), warnings);
        }
        case LenientJson.Parsed.Ok ok -> {
          if (!(ok.root() instanceof ObjectNode object)) {
            return new LoadResult.Invalid(
                List.of(
                    new ConfigProblem(
                        "", fileName + " must contain a JSON object { … } at the top", "")),
                warnings);
          }
          fileTree = object;
        }
      }
      checkVersion(fileTree, fileName, problems, warnings);
      warnings.addAll(new KnownKeys().check(fileTree));
      checkSections(fileTree, problems);
      new Interpolator(environment).expandAll(fileTree, "", problems);
      new SecretFiles(baseDir).resolve(fileTree, problems);
    }

    ObjectNode merged = ConfigRenderer.toTree(ChatrixConfig.defaults());
    // Its default follows bot.deny_by_default, so only the file (or the binder) may set it.
    ((ObjectNode) merged.path("bot").path("policy")).remove("default_role");
    ObjectNode withEnvironment = EnvironmentLayer.tree(environment);
    overlay(withEnvironment, fileTree, true);
    overlay(merged, withEnvironment, false);

    ChatrixConfig config =
        originalSsoLogin(
            new ConfigBinder().bind(new NodeReader(merged, problems, warnings, Optional.of(paths))),
            fileName);
    new ConfigValidator(problems, warnings, baseDir).validate(config);
    if (!problems.isEmpty()) {
      return new LoadResult.Invalid(
          firstPerKey(problems), warnings, Optional.of(overrides.applyTo(config)));
    }
    return new LoadResult.Loaded(overrides.applyTo(config), warnings);
  }

  /**
   * Starts hot reload of {@code file}: each valid new version, with {@code overrides} applied
   * again, replaces the current one and reaches the subscribers; an invalid version is logged with
   * every problem and the last good one stays. {@code initial} is normally the config from {@link
   * #load}.
   */
  public WatchedFile<ChatrixConfig> watch(
      Path file, ConfigOverrides overrides, ChatrixConfig initial, WatchedFile.Options options)
      throws IOException {
    WatchedFile<ChatrixConfig> watched =
        WatchedFile.start(file, parser(file, overrides), initial, options);
    AtomicReference<ChatrixConfig> previous = new AtomicReference<>(watched.current());
    watched.subscribe(next -> logChanges(file, previous.getAndSet(next), next));
    return watched;
  }

  private static void logChanges(Path file, ChatrixConfig before, ChatrixConfig after) {
    Set<String> changed = ConfigDiff.changedKeys(before, after);
    List<String> later = changed.stream().filter(ConfigDiff::needsRestart).toList();
    List<String> now = changed.stream().filter(k -> !ConfigDiff.needsRestart(k)).toList();
    if (!now.isEmpty()) {
      LOG.info("{}: applied {}", file.getFileName(), String.join(", ", now));
    }
    if (!later.isEmpty()) {
      LOG.warn(
          "{}: {} changed; restart ChatrixCD to apply",
          file.getFileName(),
          String.join(", ", later));
    }
  }

  /** The parse step used by {@link #watch}, exposed for callers that manage their own watcher. */
  public FileParser<ChatrixConfig> parser(Path file, ConfigOverrides overrides) {
    return content -> {
      if (content.isEmpty()) {
        return new ParseOutcome.Rejected<>("the file is missing");
      }
      return switch (loadText(content.get(), file, overrides)) {
        case LoadResult.Loaded loaded ->
            new ParseOutcome.Parsed<>(
                loaded.config(), loaded.warnings().stream().map(ConfigProblem::describe).toList());
        case LoadResult.Invalid invalid ->
            new ParseOutcome.Rejected<>(
                invalid.problems().size()
                    + " problem(s): "
                    + String.join(
                        "; ", invalid.problems().stream().map(ConfigProblem::describe).toList()));
      };
    };
  }

  private void checkVersion(
      ObjectNode root,
      String fileName,
      List<ConfigProblem> problems,
      List<ConfigProblem> warnings) {
    JsonNode node = root.path("_config_version");
    int version;
    if (node.isMissingNode() || node.isNull()) {
      // Files of the first version had no version key; everything they hold is understood.
      LOG.debug("{} has no _config_version; reading it as the current format", fileName);
      return;
    } else if (node.isIntegralNumber() && node.canConvertToInt() && node.intValue() >= 1) {
      version = node.intValue();
    } else {
      problems.add(
          new ConfigProblem(
              "_config_version",
              "must be a whole number from 1 to " + ChatrixConfig.CURRENT_VERSION,
              "remove it if unsure; missing means 1"));
      return;
    }
    if (version > ChatrixConfig.CURRENT_VERSION) {
      warnings.add(
          new ConfigProblem(
              "_config_version",
              "is "
                  + version
                  + ", newer than this build understands ("
                  + ChatrixConfig.CURRENT_VERSION
                  + "); unknown keys are ignored",
              "upgrade ChatrixCD"));
    } else if (version < ChatrixConfig.CURRENT_VERSION
        && announcedOldVersion.add(fileName + "#" + version)) {
      // Said once per file and version, not again on every hot reload.
      LOG.info(
          "{} is configuration version {}; newer settings take their defaults. The file is left"
              + " untouched; run chatrixcd -I to write a current one.",
          fileName,
          version);
    }
  }

  /**
   * The original's {@code auth_type: "oidc"} was Matrix single sign-on in a browser (with {@code
   * oidc_redirect_url}), not client credentials. Without an issuer and client keys that is what the
   * file means, so it is read as {@code sso}; with them it stays client credentials.
   */
  private ChatrixConfig originalSsoLogin(ChatrixConfig config, String fileName) {
    MatrixConfig m = config.matrix();
    if (m.authType() != MatrixConfig.AuthType.OIDC
        || !m.oidcIssuer().isEmpty()
        || !m.oidcClientId().isEmpty()
        || m.oidcClientSecret().isPresent()) {
      return config;
    }
    if (announcedSso.add(fileName)) {
      LOG.info(
          "{}: matrix.auth_type \"oidc\" without oidc_issuer is the original ChatrixCD's browser"
              + " sign-in, so the bot logs in with auth_type: sso (write \"sso\" to say so"
              + " directly)",
          fileName);
    }
    return config.withMatrix(
        new MatrixConfig(
            m.homeserver(),
            m.userId(),
            m.deviceId(),
            m.deviceName(),
            MatrixConfig.AuthType.SSO,
            m.password(),
            m.accessToken(),
            m.loginToken(),
            m.oidcIssuer(),
            m.oidcClientId(),
            m.oidcClientSecret(),
            m.oidcScopes(),
            m.oidcRedirectUrl(),
            m.storePath(),
            m.e2ee(),
            m.trustPolicy(),
            m.pickleKey()));
  }

  /**
   * One problem per key: an unresolved {@code ${VAR}} also leaves the key empty, and "is required"
   * on top of the real cause would only distract.
   */
  private static List<ConfigProblem> firstPerKey(List<ConfigProblem> problems) {
    Map<String, ConfigProblem> byKey = new LinkedHashMap<>();
    for (int i = 0; i < problems.size(); i++) {
      ConfigProblem problem = problems.get(i);
      String key = problem.keyPath().isEmpty() ? "#" + i : problem.keyPath();
      byKey.putIfAbsent(key, problem);
    }
    // Binding and cross-key checks find problems in different orders; show them file-ordered.
    List<String> sections = List.of("", "_config_version", "matrix", "semaphore", "bot", "plugins");
    return byKey.values().stream()
        .sorted(
            Comparator.comparingInt(p -> {
              int rank = sections.indexOf(p.keyPath().split("[.\\[]", 2)[0]);
              return rank < 0 ? sections.size() : rank;
            }))
        .toList();
  }

  /** A section that is not an object would otherwise be silently replaced by its defaults. */
  private static void checkSections(ObjectNode root, List<ConfigProblem> problems) {
    for (String section : List.of("matrix", "semaphore", "bot", "plugins", "http", "log")) {
      JsonNode node = root.get(section);
      if (node != null && !node.isNull() && !node.isObject()) {
        problems.add(
            new ConfigProblem(section, "must be an object { … }", "see docs/configuration.md"));
        root.remove(section);
      }
    }
  }

  /**
   * Lays {@code top} over {@code base} in place. Nulls in {@code top} are skipped (the original
   * kept the default). With {@code emptyYields}, an empty string in the file lets an environment
   * value through, so a config written with {@code "password": ""} still works with MATRIX_PASSWORD
   * set.
   */
  private static void overlay(ObjectNode base, ObjectNode top, boolean emptyYields) {
    for (Map.Entry<String, JsonNode> entry : top.properties()) {
      String key = entry.getKey();
      JsonNode value = entry.getValue();
      JsonNode existing = base.get(key);
      if (value.isNull()) {
        continue;
      }
      if (value.isObject() && existing instanceof ObjectNode existingObject) {
        overlay(existingObject, (ObjectNode) value, emptyYields);
      } else if (emptyYields
          && value.isString()
          && value.stringValue().isEmpty()
          && existing != null
          && !existing.isNull()) {
        continue;
      } else {
        base.set(key, value.deepCopy());
      }
    }
  }
}
