package cd.chatrix.app.boot;

import cd.chatrix.app.cli.StoreCommand.StoreMigration;
import cd.chatrix.app.config.ChatrixConfig;
import cd.chatrix.app.config.ConfigProblem;
import cd.chatrix.app.config.Secret;
import cd.chatrix.app.config.StoreConfig;
import cd.chatrix.app.store.ConfiguredStore;
import cd.chatrix.app.store.StoreCopy;
import cd.chatrix.app.store.StoreLock;
import cd.chatrix.app.store.sql.Dialect;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.app.store.sql.StoreException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code chatrixcd store migrate --to postgresql}: the SQLite store the configuration names is
 * copied into the PostgreSQL database of its {@code store} section, with the command line's parts
 * in place of the configuration's. Says what it copied, or why not and what to do.
 */
final class StoreMigrate {
  private final PrintStream out;
  private final PrintStream err;

  StoreMigrate(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(ChatrixConfig config, StoreMigration request) {
    Path directory = config.store().sqliteDirectory(config.matrix());
    if (!Files.isRegularFile(directory.resolve(Store.FILE_NAME))) {
      err.println(
          "chatrixcd: there is no SQLite store in "
              + directory
              + " to copy. Point store.path (or matrix.store_path) at the bot's store directory.");
      return Application.EXIT_CONFIG;
    }
    String url = request.url().orElse(config.store().url());
    if (url.isEmpty()) {
      err.println(
          "chatrixcd: no PostgreSQL database to copy into: give --url, or set store.url in the"
              + " configuration (e.g. postgresql://db.example.org:5432/chatrixcd).");
      return Application.EXIT_CONFIG;
    }
    Optional<ConfigProblem> problem =
        StoreConfig.urlProblem(request.url().isPresent() ? "--url" : "store.url", url);
    if (problem.isPresent()) {
      err.println("chatrixcd: " + problem.get().describe());
      return Application.EXIT_CONFIG;
    }
    Optional<Secret> password = password(config, request);
    if (password.isEmpty()) {
      return Application.EXIT_CONFIG;
    }
    Dialect source = Dialect.sqlite(directory);
    Dialect target =
        ConfiguredStore.postgres(
            new StoreConfig(
                StoreConfig.Type.POSTGRESQL,
                Optional.empty(),
                url,
                request.user().orElse(config.store().user()),
                password.get()));
    // Held while copying: a bot still running on the store would go on writing what the copy
    // has already read.
    try (StoreLock held = StoreLock.claim(directory)) {
      out.println("Copying " + source.location() + " into " + target.location() + " ...");
      report(StoreCopy.copy(source, target), target);
      return Application.EXIT_OK;
    } catch (StoreLock.InUseException e) {
      err.println(
          "chatrixcd: "
              + e.getMessage()
              + " Stop it, then migrate: the copy must be of a store nobody writes to.");
      return Application.EXIT_FAILURE;
    } catch (StoreException | IOException e) {
      err.println("chatrixcd: " + e.getMessage());
      return Application.EXIT_FAILURE;
    }
  }

  /** The flag's file, else the configuration's password (from store.password_file or the like). */
  private Optional<Secret> password(ChatrixConfig config, StoreMigration request) {
    if (request.passwordFile().isEmpty()) {
      return Optional.of(config.store().password());
    }
    Path file = request.passwordFile().get();
    try {
      return Optional.of(Secret.of(Files.readString(file, StandardCharsets.UTF_8).strip()));
    } catch (IOException e) {
      err.println(
          "chatrixcd: cannot read the password file "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + "). Check the path and that this user may read it.");
      return Optional.empty();
    }
  }

  private void report(StoreCopy.Report report, Dialect target) {
    for (StoreCopy.TableCount table : report.tables()) {
      out.printf("  %-28s %8d rows%n", table.table(), table.target());
    }
    out.println(
        "Copied "
            + report.rows()
            + " rows in "
            + report.tables().size()
            + " tables; every count matches the source.");
    out.println(
        "Next: set store.type to postgresql (with store.url "
            + target.location()
            + ", store.user and store.password_file) and start the bot. Keep the SQLite store as"
            + " a backup until you are happy.");
  }
}
