package cd.chatrix.app.config;

import cd.chatrix.app.config.MatrixConfig.AuthType;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks that need more than one key or the outside world: what each auth_type requires, URL
 * syntax, HTTPS for identity-provider endpoints, files that must exist. Adds to the same lists as
 * the binder so the user sees every problem at once.
 */
final class ConfigValidator {

  private static final String USER_ID = "@[^:\\s]+:\\S+";
  private static final String ROOM_ID = "[!#][^:\\s]+:\\S+";

  private final List<ConfigProblem> problems;
  private final List<ConfigProblem> warnings;
  private final Path baseDir;

  ConfigValidator(List<ConfigProblem> problems, List<ConfigProblem> warnings, Path baseDir) {
    this.baseDir = baseDir;
    this.problems = problems;
    this.warnings = warnings;
  }

  void validate(ChatrixConfig config) {
    matrix(config.matrix());
    semaphore(config.semaphore());
    bot(config.bot());
    http(config.http());
    store(config.store());
  }

  private void matrix(MatrixConfig m) {
    if (m.homeserver().isEmpty()) {
      required("matrix.homeserver", "the homeserver URL, e.g. https://matrix.example.org");
    } else {
      url("matrix.homeserver", m.homeserver())
          .filter(uri -> "http".equals(uri.getScheme()) && !isLoopback(uri.getHost()))
          .ifPresent(uri ->
              warnings.add(
                  new ConfigProblem(
                      "matrix.homeserver",
                      "uses plain http, so the bot's password and tokens cross the network"
                          + " unencrypted",
                      "use https://")));
    }
    if (!m.userId().isEmpty() && !m.userId().matches(USER_ID)) {
      problems.add(
          new ConfigProblem(
              "matrix.user_id",
              "must look like @localpart:server.name",
              "for example @chatrixcd:example.org"));
    }
    if (m.deviceId().isEmpty()) {
      required("matrix.device_id", "a stable device id such as CHATRIXCD");
    }
    AuthType auth = m.authType();
    switch (auth) {
      case PASSWORD -> {
        if (m.userId().isEmpty()) {
          required("matrix.user_id", "the bot's Matrix id, needed for password login");
        }
        // The original tried a configured access token before anything else; keep that working.
        if (!m.password().isPresent() && !m.accessToken().isPresent()) {
          requiredSecret("matrix.password", "auth_type is \"password\"");
        }
      }
      case TOKEN -> {
        if (!m.accessToken().isPresent()) {
          requiredSecret("matrix.access_token", "auth_type is \"token\"");
        }
      }
      case OIDC -> {
        if (m.oidcIssuer().isEmpty()) {
          required("matrix.oidc_issuer", "the issuer URL of your identity provider");
        } else {
          secureEndpoint("matrix.oidc_issuer", m.oidcIssuer());
        }
        if (m.oidcClientId().isEmpty()) {
          required("matrix.oidc_client_id", "the client id registered for the bot");
        }
        if (!m.oidcClientSecret().isPresent()) {
          requiredSecret("matrix.oidc_client_secret", "auth_type is \"oidc\"");
        }
      }
      case SSO, OAUTH -> {}
    }
    if (!m.oidcIssuer().isEmpty() && auth != AuthType.OIDC) {
      secureEndpoint("matrix.oidc_issuer", m.oidcIssuer());
    }
    if (!m.oidcRedirectUrl().isEmpty()) {
      url("matrix.oidc_redirect_url", m.oidcRedirectUrl());
    }
  }

  private void semaphore(SemaphoreConfig s) {
    if (s.url().isEmpty()) {
      required("semaphore.url", "the Semaphore UI address, e.g. https://semaphore.example.org");
    } else {
      url("semaphore.url", s.url());
    }
    boolean hasLogin = !s.username().isEmpty() || s.password().isPresent();
    if (hasLogin && (s.username().isEmpty() || !s.password().isPresent())) {
      problems.add(
          new ConfigProblem(
              s.username().isEmpty() ? "semaphore.username" : "semaphore.password",
              "semaphore.username and semaphore.password must be given together",
              "or use semaphore.api_token instead"));
    } else if (!hasLogin && !s.apiToken().isPresent()) {
      requiredSecret(
          "semaphore.api_token", "no semaphore.username/semaphore.password login is given");
    }
    readable("semaphore.ssl_ca_cert", s.sslCaCert());
    readable("semaphore.ssl_client_cert", s.sslClientCert());
    readable("semaphore.ssl_client_key", s.sslClientKey());
    if (s.sslClientKey().isPresent() && s.sslClientCert().isEmpty()) {
      problems.add(
          new ConfigProblem(
              "semaphore.ssl_client_key",
              "is set without semaphore.ssl_client_cert",
              "add the client certificate that belongs to this key"));
    }
    if (!s.sslVerify()) {
      warnings.add(
          new ConfigProblem(
              "semaphore.ssl_verify",
              "is false: Semaphore's certificate is not checked",
              "prefer semaphore.ssl_ca_cert for a private CA"));
    }
  }

  private void bot(BotConfig b) {
    if (b.commandPrefix().isEmpty()) {
      required("bot.command_prefix", "the text that starts a command, e.g. !cd");
    } else if (b.commandPrefix().chars().anyMatch(Character::isWhitespace)) {
      problems.add(
          new ConfigProblem("bot.command_prefix", "must not contain spaces", "for example !cd"));
    }
    for (int i = 0; i < b.adminUsers().size(); i++) {
      checkUser("bot.admin_users[" + i + "]", b.adminUsers().get(i));
    }
    checkRooms("bot.allowed_rooms", b.allowedRooms());
    checkRooms("bot.greeting_rooms", b.greetingRooms());
    for (String user : b.policy().roles().keySet()) {
      checkUser("bot.policy.roles." + user, user);
    }
    for (String room : b.policy().rooms().keySet()) {
      checkRoom("bot.policy.rooms." + room, room);
    }
  }

  private void checkUser(String keyPath, String user) {
    if (!user.matches(USER_ID)) {
      warnings.add(
          new ConfigProblem(
              keyPath,
              "does not look like a Matrix user id and will never match anyone",
              "write it as @name:server"));
    }
  }

  private void checkRooms(String keyPath, List<String> rooms) {
    for (int i = 0; i < rooms.size(); i++) {
      checkRoom(keyPath + "[" + i + "]", rooms.get(i));
    }
  }

  private void checkRoom(String keyPath, String room) {
    if (!room.matches(ROOM_ID)) {
      warnings.add(
          new ConfigProblem(
              keyPath, "does not look like a room id (!id:server) or alias (#name:server)", ""));
    }
  }

  private void http(HttpConfig h) {
    if (h.bind().isEmpty()) {
      required("http.bind", "an address to listen on, e.g. 127.0.0.1");
    } else if (h.enabled()) {
      BindAddress.check(h.bind())
          .ifPresent(why ->
              problems.add(
                  new ConfigProblem(
                      "http.bind",
                      why,
                      "use 127.0.0.1 (this machine only), 0.0.0.0 (every interface) or an"
                          + " address of this machine; the port goes in http.port")));
    }
    if (h.enabled() && !h.webhookSecret().isPresent()) {
      warnings.add(
          new ConfigProblem(
              "http.webhook_secret",
              "is not set, so /hooks/semaphore refuses every request",
              "set a shared secret to receive Semaphore webhooks"));
    }
  }

  private void store(StoreConfig s) {
    if (s.type() == StoreConfig.Type.SQLITE) {
      for (String key : List.of("url", "user")) {
        String value = key.equals("url") ? s.url() : s.user();
        if (!value.isEmpty()) {
          warnings.add(
              new ConfigProblem(
                  "store." + key,
                  "is ignored while store.type is sqlite",
                  "set store.type to postgresql to use a PostgreSQL server"));
        }
      }
      return;
    }
    if (s.url().isEmpty()) {
      required(
          "store.url", "the PostgreSQL database, e.g. postgresql://db.example.org:5432/chatrixcd");
      return;
    }
    StoreConfig.urlProblem("store.url", s.url()).ifPresent(problems::add);
    if (s.lease().renew().multipliedBy(2).compareTo(s.lease().duration()) > 0) {
      problems.add(
          new ConfigProblem(
              "store.lease.renew_seconds",
              "must be at most half of store.lease.duration_seconds",
              "a leader that renews late loses its lease between two renewals"));
    }
    if (s.path().isPresent()) {
      warnings.add(
          new ConfigProblem(
              "store.path",
              "is ignored while store.type is postgresql",
              "remove it, or set store.type to sqlite"));
    }
  }

  private void required(String keyPath, String what) {
    problems.add(
        new ConfigProblem(
            keyPath,
            "is required: " + what,
            withVariable("or set the environment variable ", keyPath)));
  }

  private void requiredSecret(String keyPath, String because) {
    problems.add(
        new ConfigProblem(
            keyPath,
            "is required because " + because,
            "set "
                + keyPath
                + ", "
                + keyPath
                + "_file"
                + withVariable(" or the environment variable ", keyPath)));
  }

  /** {@code lead} and the environment variable that sets {@code keyPath}; empty when none does. */
  private static String withVariable(String lead, String keyPath) {
    String variable = EnvironmentLayer.variableFor(keyPath);
    return variable.isEmpty() ? "" : lead + variable;
  }

  private Optional<URI> url(String keyPath, String value) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return Optional.of(uri);
      }
    } catch (URISyntaxException invalid) {
      // reported below with the same wording as a missing scheme
    }
    problems.add(
        new ConfigProblem(
            keyPath,
            "is not a valid http(s) URL: \"" + ConfigRenderer.maskUserInfo(value) + "\"",
            "write it like https://host.example.org"));
    return Optional.empty();
  }

  private void secureEndpoint(String keyPath, String value) {
    url(keyPath, value)
        .filter(uri -> !"https".equalsIgnoreCase(uri.getScheme()) && !isLoopback(uri.getHost()))
        .ifPresent(uri ->
            problems.add(
                new ConfigProblem(
                    keyPath,
                    "must use https: client credentials must not cross the network in clear",
                    "plain http is accepted only for localhost/127.0.0.1 (testing)")));
  }

  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost")
        || h.endsWith(".localhost")
        || h.startsWith("127.")
        || h.equals("[::1]")
        || h.equals("::1");
  }

  private void readable(String keyPath, Optional<Path> file) {
    file.filter(path -> !Files.isReadable(baseDir.resolve(path)))
        .ifPresent(path ->
            problems.add(
                new ConfigProblem(
                    keyPath,
                    "points to " + path + ", which does not exist or cannot be read",
                    "fix the path or leave it empty")));
  }
}
