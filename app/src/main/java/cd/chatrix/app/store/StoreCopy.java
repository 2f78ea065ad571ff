package cd.chatrix.app.store;

import cd.chatrix.app.store.sql.Dialect;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.app.store.sql.StoreException;
import cd.chatrix.app.store.sql.Tx.Column;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Moves an install from one database to another ({@code chatrixcd store migrate}): every table of
 * the source, row for row, into a target that must be empty. Both are brought to this build's
 * schema first, so the tables and columns match; the copy is one transaction on the target, so a
 * failure leaves its tables empty and the command can simply be run again. Afterwards the row count
 * of every table is compared. The source is only read (after its usual upgrade to this build).
 */
public final class StoreCopy {
  private static final String VERSIONS = "schema_version";

  /** How many rows one table had on each side after the copy. */
  public record TableCount(String table, long source, long target) {
    public boolean matches() {
      return source == target;
    }
  }

  /** What was copied, table by table in name order. */
  public record Report(List<TableCount> tables) {
    public Report {
      tables = List.copyOf(tables);
    }

    public long rows() {
      return tables.stream().mapToLong(TableCount::target).sum();
    }
  }

  /** The target already holds tables, so copying could mix two installs; nothing was written. */
  public static final class TargetNotEmptyException extends StoreException {
    private static final long serialVersionUID = 1L;

    TargetNotEmptyException(String location, String holds) {
      super(
          "The target database "
              + location
              + " is not empty: it "
              + holds
              + ". The copy only goes into an empty database, so two installs never mix: create a"
              + " new database for the bot and point --url (or store.url) at it.");
    }
  }

  private StoreCopy() {}

  /** Copies {@code source} into the empty {@code target}; see the class comment. */
  public static Report copy(Dialect source, Dialect target) {
    // Someone else's tables: do not even create ours beside them.
    List<String> existing = Store.tables(target);
    if (!existing.isEmpty() && !existing.contains(VERSIONS)) {
      throw new TargetNotEmptyException(
          target.location(), "has tables of its own (" + sample(existing) + ")");
    }
    try (Store from = Store.open(source, Schema.MIGRATIONS);
        Store to = Store.open(target, Schema.MIGRATIONS)) {
      List<String> names = dataTables(to);
      // Our own schema, e.g. from an attempt that failed, counts as empty while it has no rows.
      List<String> filled = names.stream().filter(t -> count(to, t) > 0).toList();
      if (!filled.isEmpty()) {
        throw new TargetNotEmptyException(
            target.location(), "holds a bot's data already (rows in " + sample(filled) + ")");
      }
      List<String> missing = new ArrayList<>(dataTables(from));
      missing.removeAll(names);
      if (!missing.isEmpty()) {
        throw new StoreException(
            "The source "
                + from.location()
                + " has tables this build does not know ("
                + String.join(", ", missing)
                + "); it was probably written by another ChatrixCD version. Run the copy with"
                + " the version that wrote it.");
      }
      // Durable: once the command says the copy is done, a crash of the server cannot undo it.
      to.inDurableTransaction(tx -> {
        for (String table : names) {
          copyTable(from, to, table);
        }
        return null;
      });
      List<TableCount> counts = new ArrayList<>();
      for (String table : names) {
        counts.add(new TableCount(table, count(from, table), count(to, table)));
      }
      List<String> differing =
          counts.stream().filter(c -> !c.matches()).map(TableCount::table).toList();
      if (!differing.isEmpty()) {
        throw new StoreException(
            "The copy in "
                + to.location()
                + " does not have as many rows as the source in "
                + String.join(", ", differing)
                + ". Do not start the bot on it: drop its tables and run the copy again.");
      }
      return new Report(counts);
    }
  }

  /** Every table but the schema's own bookkeeping, which each side's migrations wrote. */
  private static List<String> dataTables(Store store) {
    return store.inTransaction(tx ->
        tx.query(store.dialect().tablesQuery(), row -> row.getString(1)).stream()
            .filter(t -> !t.equalsIgnoreCase(VERSIONS))
            .sorted()
            .toList());
  }

  /**
   * Columns are read with the getter the target's column type calls for: SQLite keeps booleans as 0
   * and 1, which PostgreSQL's BOOLEAN does not take as they are.
   */
  private static void copyTable(Store from, Store to, String table) throws SQLException {
    List<Column> columns = to.inTransaction(tx -> tx.columns("SELECT * FROM " + table));
    String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
    List<List<Object>> rows =
        from.inTransaction(
            tx -> tx.query("SELECT " + names + " FROM " + table, row -> read(row, columns)));
    String insert =
        "INSERT INTO "
            + table
            + " ("
            + names
            + ") VALUES ("
            + String.join(", ", Collections.nCopies(columns.size(), "?"))
            + ")";
    to.doInTransaction(tx -> tx.updateBatch(insert, rows));
  }

  private static List<Object> read(ResultSet row, List<Column> columns) throws SQLException {
    List<Object> values = new ArrayList<>(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      int index = i + 1;
      Object value =
          switch (columns.get(i).type()) {
            case Types.BOOLEAN, Types.BIT -> row.getBoolean(index);
            case Types.BIGINT -> row.getLong(index);
            case Types.INTEGER, Types.SMALLINT -> row.getInt(index);
            default -> row.getString(index);
          };
      values.add(row.wasNull() ? null : value);
    }
    return values;
  }

  private static String sample(List<String> tables) {
    return String.join(", ", tables.subList(0, Math.min(3, tables.size())))
        + (tables.size() > 3 ? ", ..." : "");
  }

  private static long count(Store store, String table) {
    return store.inTransaction(
        tx -> tx.queryOne("SELECT COUNT(*) FROM " + table, row -> row.getLong(1)).orElse(0L));
  }
}
