package cd.chatrix.app.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code chatrixcd store ...}: work on the bot's database while the bot is stopped. */
@Command(
    name = "store",
    mixinStandardHelpOptions = true,
    description = "Work on the bot's database (stop the bot first).",
    subcommands = {StoreCommand.Migrate.class})
public final class StoreCommand {
  @ParentCommand ChatrixCommand parent;

  /** The engines a store can be moved to. */
  public enum Target {
    POSTGRESQL
  }

  /** {@code chatrixcd store migrate --to postgresql}: copy the SQLite store into PostgreSQL. */
  @Command(
      name = "migrate",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Copy the SQLite store (sessions, sync position, runs, confirmations, audit, encryption"
            + " state) into an empty PostgreSQL database, and check the row count of every table.",
        "The target comes from the configuration's store section; the flags below replace its"
            + " parts. The SQLite store is left as it is: keep it as a backup."
      })
  public static final class Migrate implements Callable<Integer> {
    @ParentCommand StoreCommand store;

    @Option(
        names = "--to",
        required = true,
        paramLabel = "ENGINE",
        converter = TargetConverter.class,
        description = "The engine to move to: postgresql.")
    Target to;

    @Option(
        names = "--url",
        paramLabel = "URL",
        description = "The empty database, e.g. postgresql://db.example.org:5432/chatrixcd.")
    String url;

    @Option(names = "--user", paramLabel = "USER", description = "The database user.")
    String user;

    @Option(
        names = "--password-file",
        paramLabel = "FILE",
        description = "A file holding the database user's password.")
    Path passwordFile;

    @Override
    public Integer call() {
      return store
          .parent
          .launcher()
          .migrateStore(
              store.parent.options(),
              new StoreMigration(
                  to,
                  Optional.ofNullable(url),
                  Optional.ofNullable(user),
                  Optional.ofNullable(passwordFile)));
    }
  }

  /** Accepts the engine in any case, and names the choices when it is none of them. */
  static final class TargetConverter implements picocli.CommandLine.ITypeConverter<Target> {
    @Override
    public Target convert(String value) {
      for (Target target : Target.values()) {
        if (target.name().equalsIgnoreCase(value.strip())) {
          return target;
        }
      }
      throw new picocli.CommandLine.TypeConversionException(
          "'" + value + "' is not an engine a store can move to; use postgresql");
    }
  }

  /** What {@code store migrate} was asked to do; empty parts come from the configuration. */
  public record StoreMigration(
      Target to, Optional<String> url, Optional<String> user, Optional<Path> passwordFile) {}
}
