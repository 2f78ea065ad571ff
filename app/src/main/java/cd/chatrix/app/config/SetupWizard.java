package cd.chatrix.app.config;

import cd.chatrix.app.config.MatrixConfig.AuthType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * {@code chatrixcd -I}: asks the few things a first-time user knows (homeserver, bot account, how
 * it logs in, Semaphore address and token, admins, rooms) and writes a commented config.json with
 * mode 0600. An existing file is backed up to {@code <name>.bak.<timestamp>} first and its values
 * are offered as defaults (secrets are never shown). End of input cancels without writing.
 */
public final class SetupWizard {

  /** How a wizard run ended. */
  public sealed interface Outcome {
    record Written(Path file, Optional<Path> backup) implements Outcome {}

    record Cancelled() implements Outcome {}
  }

  private static final DateTimeFormatter BACKUP_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final LineReader io;
  private final Clock clock;

  public SetupWizard(LineReader io, Clock clock) {
    this.io = io;
    this.clock = clock;
  }

  /** Signals end of input anywhere in the conversation. */
  private static final class EndOfInput extends Exception {
    EndOfInput() {
      super(null, null, false, false);
    }
  }

  public Outcome run(Path target) throws IOException {
    try {
      return converse(target);
    } catch (EndOfInput e) {
      io.println("");
      io.println("Setup cancelled; nothing was written.");
      return new Outcome.Cancelled();
    }
  }

  private Outcome converse(Path target) throws IOException, EndOfInput {
    JsonNode existing = existing(target);
    io.println("ChatrixCD setup. Press Enter to keep the value in [brackets]; Ctrl-D cancels.");
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      io.println(target + " exists; it will be backed up before it is replaced.");
      if (!yes("Continue?", true)) {
        io.println("Nothing was written.");
        return new Outcome.Cancelled();
      }
    }
    io.println("");
    io.println("Matrix");
    String homeserver =
        ask(
            "Homeserver URL",
            text(existing, "matrix", "homeserver", "https://matrix.org"),
            SetupWizard::httpUrl);
    String userId =
        ask(
            "Bot account (e.g. @chatrixcd:example.org)",
            text(existing, "matrix", "user_id", ""),
            v -> v.matches("@[^:\\s]+:\\S+") ? "" : "write it as @name:server");
    AuthType auth = authType(text(existing, "matrix", "auth_type", "password"));
    Secret password = Secret.NONE;
    Secret accessToken = Secret.NONE;
    String issuer = "";
    String clientId = "";
    Secret clientSecret = Secret.NONE;
    switch (auth) {
      case PASSWORD -> password = secret("Password of " + userId);
      case TOKEN -> accessToken = secret("Access token");
      case OIDC -> {
        issuer =
            ask(
                "Issuer URL of the identity provider",
                text(existing, "matrix", "oidc_issuer", ""),
                SetupWizard::httpsUnlessLoopback);
        clientId =
            ask(
                "Client id",
                text(existing, "matrix", "oidc_client_id", ""),
                v -> v.isEmpty() ? "a client id is needed" : "");
        clientSecret = secret("Client secret");
      }
      case SSO, OAUTH -> io.println("The bot will show a sign-in link when it first starts.");
    }
    io.println("");
    io.println("Semaphore");
    String semaphoreUrl =
        ask("Semaphore URL", text(existing, "semaphore", "url", ""), SetupWizard::httpUrl);
    Secret apiToken = secret("Semaphore API token");
    io.println("");
    io.println("Access (comma-separated; leave empty for no restriction)");
    List<String> admins = list(ask("Admin users", joined(existing, "bot", "admin_users"), v -> ""));
    List<String> rooms =
        list(ask("Rooms the bot listens in", joined(existing, "bot", "allowed_rooms"), v -> ""));

    WizardAnswers answers =
        new WizardAnswers(
            homeserver,
            userId,
            auth,
            password,
            accessToken,
            issuer,
            clientId,
            clientSecret,
            semaphoreUrl.replaceAll("/+$", ""),
            apiToken,
            admins,
            rooms);
    Optional<Path> backup = backUp(target);
    AtomicFiles.write(
        target,
        CommentedConfigWriter.render(answers, LocalDate.now(clock)),
        Optional.of(AtomicFiles.OWNER_ONLY));
    io.println("");
    backup.ifPresent(b -> io.println("The previous file was saved as " + b + "."));
    io.println("Wrote " + target + ". Start the bot with: chatrixcd -c " + target);
    return new Outcome.Written(target, backup);
  }

  private AuthType authType(String current) throws EndOfInput {
    List<AuthType> order =
        List.of(AuthType.PASSWORD, AuthType.TOKEN, AuthType.SSO, AuthType.OAUTH, AuthType.OIDC);
    io.println("How does the bot log in?");
    io.println("  1) password");
    io.println("  2) access token");
    io.println("  3) single sign-on in a browser (SSO)");
    io.println("  4) OAuth 2.0 device login (homeservers with Matrix Authentication Service)");
    io.println("  5) OpenID Connect client credentials");
    int preselected =
        order.stream()
            .filter(a -> a.wireName().equals(current))
            .findFirst()
            .map(a -> order.indexOf(a) + 1)
            .orElse(1);
    String choice =
        ask(
            "Choice",
            String.valueOf(preselected),
            v -> v.matches("[1-5]") ? "" : "type a number from 1 to 5");
    return order.get(Integer.parseInt(choice) - 1);
  }

  private String ask(String question, String fallback, Function<String, String> check)
      throws EndOfInput {
    while (true) {
      String prompt = fallback.isEmpty() ? question + ": " : question + " [" + fallback + "]: ";
      String answer = io.readLine(prompt).orElseThrow(EndOfInput::new).strip();
      if (answer.isEmpty()) {
        answer = fallback;
      }
      String complaint = check.apply(answer);
      if (complaint.isEmpty()) {
        return answer;
      }
      io.println("  " + complaint);
    }
  }

  private Secret secret(String question) throws EndOfInput {
    while (true) {
      String answer = io.readSecret(question + " (hidden): ").orElseThrow(EndOfInput::new).strip();
      if (!answer.isEmpty()) {
        return Secret.of(answer);
      }
      io.println("  this cannot be empty");
    }
  }

  private boolean yes(String question, boolean fallback) throws EndOfInput {
    String answer =
        ask(
            question + (fallback ? " (Y/n)" : " (y/N)"),
            "",
            v -> v.isEmpty() || v.matches("(?i)y|yes|n|no") ? "" : "answer y or n");
    return answer.isEmpty() ? fallback : answer.toLowerCase(Locale.ROOT).startsWith("y");
  }

  private Optional<Path> backUp(Path target) throws IOException {
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    String stamp = LocalDateTime.now(clock).format(BACKUP_STAMP);
    Path backup = target.resolveSibling(target.getFileName() + ".bak." + stamp);
    for (int n = 1; Files.exists(backup, LinkOption.NOFOLLOW_LINKS); n++) {
      backup = target.resolveSibling(target.getFileName() + ".bak." + stamp + "-" + n);
    }
    // COPY_ATTRIBUTES keeps the old file's mode, which may be 0600 because of its secrets.
    Files.copy(target, backup, StandardCopyOption.COPY_ATTRIBUTES);
    return Optional.of(backup);
  }

  private static JsonNode existing(Path target) {
    try {
      if (Files.isReadable(target)
          && LenientJson.parse(Files.readString(target), target.toString())
              instanceof LenientJson.Parsed.Ok ok) {
        return ok.root();
      }
    } catch (IOException unreadable) {
      // No defaults then; the file will still be backed up before it is replaced.
    }
    return LenientJson.MAPPER.createObjectNode();
  }

  private static String text(JsonNode root, String section, String key, String fallback) {
    JsonNode node = root.path(section).path(key);
    return node.isString() && !node.stringValue().isBlank() && !node.stringValue().contains("${")
        ? node.stringValue().strip()
        : fallback;
  }

  private static String joined(JsonNode root, String section, String key) {
    JsonNode node = root.path(section).path(key);
    if (!node.isArray()) {
      return "";
    }
    return String.join(
        ", ", node.valueStream().filter(JsonNode::isString).map(JsonNode::stringValue).toList());
  }

  private static List<String> list(String answer) {
    return Arrays.stream(answer.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static String httpUrl(String value) {
    return value.matches("(?i)https?://[^/\\s:]+(:\\d+)?(/\\S*)?")
        ? ""
        : "write a URL such as https://host.example.org";
  }

  private static String httpsUnlessLoopback(String value) {
    String complaint = httpUrl(value);
    if (!complaint.isEmpty()) {
      return complaint;
    }
    String host = value.replaceFirst("(?i)^https?://", "").split("[:/]")[0];
    return value.toLowerCase(Locale.ROOT).startsWith("https://") || ConfigValidator.isLoopback(host)
        ? ""
        : "the identity provider must use https (http only for localhost)";
  }
}
