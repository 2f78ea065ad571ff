package cd.chatrix.app.config;

import cd.chatrix.app.config.MatrixConfig.AuthType;
import cd.chatrix.app.config.WizardPrompts.EndOfInput;
import cd.chatrix.app.config.WizardPrompts.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code chatrixcd -I}: asks the things a person setting up the bot knows (homeserver, account,
 * login, device, store, Semaphore, admins, rooms) with the current values as defaults.
 *
 * <p>A new file is written commented, mode 0600. An existing file is edited, not rewritten: only
 * the keys whose answer differs change (comments, order and every other key stay), {@code ${VAR}}
 * and {@code *_file} stay as they are when Enter keeps them, the changes are listed and confirmed
 * before anything is written, and the old file is kept as {@code <name>.bak.<timestamp>}. A new
 * device id or store path needs the whole word "yes", because either leaves the bot's encryption
 * identity behind. End of input cancels without writing.
 */
public final class SetupWizard {

  /** How a wizard run ended. */
  public sealed interface Outcome {
    record Written(Path file, Optional<Path> backup) implements Outcome {}

    /** Every answer kept what was there; the file was not touched. */
    record Unchanged(Path file) implements Outcome {}

    /** Ctrl-D, or the changes were not confirmed; nothing was written. */
    record Cancelled() implements Outcome {}

    /**
     * The existing file cannot be edited safely (not JSON, unreadable); {@code reason} says why.
     */
    record Unusable(String reason) implements Outcome {}
  }

  private static final DateTimeFormatter BACKUP_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final List<Option<AuthType>> LOGINS =
      List.of(
          new Option<>(AuthType.PASSWORD, "password", "the bot account's password"),
          new Option<>(AuthType.TOKEN, "token", "an access token made for the bot"),
          new Option<>(AuthType.SSO, "sso", "single sign-on in a browser (the original's oidc)"),
          new Option<>(
              AuthType.OAUTH,
              "oauth",
              "OAuth 2.0 device login (homeservers with Matrix Authentication Service)"),
          new Option<>(AuthType.OIDC, "oidc", "OpenID Connect client credentials"));

  private final LineReader io;
  private final Clock clock;
  private final Map<String, String> environment;

  public SetupWizard(LineReader io, Clock clock) {
    this(io, clock, Map.of());
  }

  /**
   * @param environment the process environment: a key the file leaves to a variable that is set is
   *     offered with that value, and Enter keeps it out of the file
   */
  public SetupWizard(LineReader io, Clock clock, Map<String, String> environment) {
    this.io = io;
    this.clock = clock;
    this.environment = Map.copyOf(environment);
  }

  public Outcome run(Path target) throws IOException {
    Path file = target.toAbsolutePath().normalize();
    try {
      return converse(file);
    } catch (EndOfInput e) {
      io.println("");
      io.println("Setup cancelled; nothing was written.");
      return new Outcome.Cancelled();
    }
  }

  private Outcome converse(Path file) throws IOException, EndOfInput {
    WizardPrompts ask = new WizardPrompts(io);
    Optional<String> original = Optional.empty();
    StoredValues stored = StoredValues.none();
    if (Files.exists(file)) {
      switch (ConfigText.read(file)) {
        case ConfigText.Read.Unreadable bad -> {
          return unusable(file, bad.problem().describe());
        }
        case ConfigText.Read.Text read -> {
          if (!(LenientJson.parse(read.text(), file.toString()) instanceof LenientJson.Parsed.Ok ok)
              || !ok.root().isObject()) {
            return unusable(file, "it is not a JSON object the wizard can edit");
          }
          original = Optional.of(read.text());
          stored = StoredValues.of(ok.root());
        }
      }
    }
    WizardSheet answers = new WizardSheet(stored, original.isPresent(), environment);
    ask.say("ChatrixCD setup for " + file);
    ask.say("Press Enter to keep the value in [brackets]; Ctrl-D cancels without writing.");
    if (original.isPresent()) {
      ask.say("Only what you change is written; everything else in the file stays as it is.");
    }
    askMatrix(ask, answers);
    askSemaphore(ask, answers);
    askAccess(ask, answers);
    io.println("");
    if (original.isEmpty()) {
      return writeNew(ask, file, answers);
    }
    return edit(ask, file, original.get(), answers);
  }

  private void askMatrix(WizardPrompts ask, WizardSheet a) throws EndOfInput {
    ask.say("");
    ask.say("Matrix");
    a.text(ask, "matrix.homeserver", "Homeserver URL", "https://matrix.org", SetupWizard::httpUrl);
    a.text(
        ask,
        "matrix.user_id",
        "Bot account (e.g. @chatrixcd:example.org)",
        "",
        v -> v.matches("@[^:\\s]+:\\S+") || isVariable(v) ? "" : "write it as @name:server");
    AuthType current = a.stored.authType();
    AuthType auth = ask.choose("How does the bot log in?", LOGINS, current);
    a.authType = auth;
    if (auth != current || !a.existing) {
      a.put("matrix.auth_type", json(auth.wireName()), current.wireName(), auth.wireName());
    }
    switch (auth) {
      case PASSWORD -> a.secret(ask, "matrix.password", "Password of the bot account");
      case TOKEN -> a.secret(ask, "matrix.access_token", "Access token");
      case OIDC -> {
        a.text(
            ask,
            "matrix.oidc_issuer",
            "Issuer URL of the identity provider",
            "",
            SetupWizard::httpsUnlessLoopback);
        a.text(
            ask,
            "matrix.oidc_client_id",
            "Client id",
            "",
            v -> v.isEmpty() ? "a client id is needed" : "");
        a.secret(ask, "matrix.oidc_client_secret", "Client secret");
      }
      case SSO, OAUTH ->
          ask.say("Start the bot once on a terminal: it asks you to sign in with a browser.");
    }
    a.identity(
        ask,
        "matrix.device_id",
        "Device id (keep it: the encryption keys belong to it)",
        "CHATRIXCD",
        "A new device id makes the bot a new device: its encryption keys stay with the old one,"
            + " rooms share their keys with it again, and whoever verified the bot verifies it"
            + " again.");
    a.identity(
        ask,
        "matrix.store_path",
        "Store directory (session and encryption keys)",
        "./store",
        "A new store path starts without the bot's session and encryption keys; the old"
            + " directory is left as it is. Move it there yourself to keep them.");
  }

  private void askSemaphore(WizardPrompts ask, WizardSheet a) throws EndOfInput {
    ask.say("");
    ask.say("Semaphore");
    a.text(ask, "semaphore.url", "Semaphore URL", "", v -> httpUrl(v.replaceAll("/+$", "")));
    a.secret(ask, "semaphore.api_token", "Semaphore API token");
  }

  private void askAccess(WizardPrompts ask, WizardSheet a) throws EndOfInput {
    ask.say("");
    ask.say("Access (comma-separated; empty means no restriction)");
    a.list(ask, "bot.admin_users", "Admin users");
    a.list(ask, "bot.allowed_rooms", "Rooms the bot listens in");
  }

  private Outcome writeNew(WizardPrompts ask, Path file, WizardSheet a)
      throws IOException, EndOfInput {
    if (!ask.yes("Write " + file + "?", true)) {
      io.println("Nothing was written.");
      return new Outcome.Cancelled();
    }
    String text = CommentedConfigWriter.render(a.toWizardAnswers(), LocalDate.now(clock));
    AtomicFiles.write(file, text, Optional.of(AtomicFiles.OWNER_ONLY));
    io.println("Wrote " + file + ". Start the bot with: ./chatrixcd -c " + file);
    return new Outcome.Written(file, Optional.empty());
  }

  private Outcome edit(WizardPrompts ask, Path file, String original, WizardSheet a)
      throws IOException, EndOfInput {
    if (a.changes.isEmpty()) {
      io.println("Nothing changed; " + file + " stays as it was.");
      return new Outcome.Unchanged(file);
    }
    io.println("These keys of " + file + " change:");
    a.changes.forEach(c -> io.println("  " + c.keyPath() + ": " + c.before() + " → " + c.after()));
    if (!ask.yes("Write these changes?", false)) {
      io.println("Nothing was written.");
      return new Outcome.Cancelled();
    }
    String edited;
    try {
      edited =
          ConfigFileEditor.of(original)
              .apply(a.changes.stream().map(WizardSheet.Change::edit).toList());
    } catch (IllegalArgumentException e) {
      return unusable(file, e.getMessage());
    }
    if (!(LenientJson.parse(edited, file.toString()) instanceof LenientJson.Parsed.Ok)) {
      return unusable(file, "its layout could not be edited safely");
    }
    Path real = file.toRealPath();
    Optional<PosixFileAttributes> owner = posix(real);
    Path backup = backUp(real);
    // No fixed mode: the file keeps its own (0640 for a service group, 0600, …).
    AtomicFiles.write(real, edited, Optional.empty());
    owner.ifPresent(o -> keepOwner(real, o));
    io.println("The previous version is saved as " + backup + ".");
    io.println("Wrote " + file + ". Start the bot with: ./chatrixcd -c " + file);
    return new Outcome.Written(file, Optional.of(backup));
  }

  private Outcome unusable(Path file, String why) {
    String reason = "cannot edit " + file + ": " + why;
    io.println(reason);
    io.println(
        "Fix the file (chatrixcd -c "
            + file
            + " -s shows what is wrong), or move it away"
            + " to write a new one.");
    return new Outcome.Unusable(reason);
  }

  private Path backUp(Path target) throws IOException {
    String stamp = LocalDateTime.now(clock).format(BACKUP_STAMP);
    Path backup = target.resolveSibling(target.getFileName() + ".bak." + stamp);
    for (int n = 1; Files.exists(backup, LinkOption.NOFOLLOW_LINKS); n++) {
      backup = target.resolveSibling(target.getFileName() + ".bak." + stamp + "-" + n);
    }
    // COPY_ATTRIBUTES keeps the old file's mode, which may be 0600 because of its secrets.
    Files.copy(target, backup, StandardCopyOption.COPY_ATTRIBUTES);
    return backup;
  }

  private static Optional<PosixFileAttributes> posix(Path file) {
    try {
      return Optional.of(Files.readAttributes(file, PosixFileAttributes.class));
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  /** Run as root on a service's file, the new file would otherwise belong to root. */
  private static void keepOwner(Path file, PosixFileAttributes before) {
    try {
      PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
      if (!before.owner().equals(Files.getOwner(file))) {
        view.setOwner(before.owner());
      }
      view.setGroup(before.group());
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // Not permitted (not root): the file then belongs to whoever ran the wizard, as it did.
    }
  }

  /** {@code value} as a JSON string literal. */
  static String json(String value) {
    return JSON.writeValueAsString(value);
  }

  private static boolean isVariable(String value) {
    return value.contains("${");
  }

  private static String httpUrl(String value) {
    return isVariable(value) || value.matches("(?i)https?://[^/\\s:]+(:\\d+)?(/\\S*)?")
        ? ""
        : "write a URL such as https://host.example.org";
  }

  private static String httpsUnlessLoopback(String value) {
    String complaint = httpUrl(value);
    if (!complaint.isEmpty() || isVariable(value)) {
      return complaint;
    }
    String host = value.replaceFirst("(?i)^https?://", "").split("[:/]")[0];
    return value.toLowerCase(Locale.ROOT).startsWith("https://") || ConfigValidator.isLoopback(host)
        ? ""
        : "the identity provider must use https (http only for localhost)";
  }
}
