package cd.chatrix.app.store.sql;

import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code CREATE TABLE} statements from two column lists, the key and the rest, so a table reads as
 * its columns and types without a {@code NOT NULL} on every line. A column is {@code NOT NULL}
 * unless its type ends in {@code NULL}; the key columns become the table's primary key. Types are
 * ones every engine takes (see {@link Dialect}).
 *
 * <p>On SQLite a single-column primary key once written inline without {@code NOT NULL} accepted
 * NULL (a quirk of that engine); here every key column is {@code NOT NULL}. The store never writes
 * a NULL key, so stores made before and after read and write alike.
 */
public final class Ddl {
  private static final String NULLABLE = " NULL";

  private Ddl() {}

  /**
   * {@code table("t", "a VARCHAR(255)", "b TEXT, c BIGINT NULL")} gives {@code CREATE TABLE t (a
   * VARCHAR(255) NOT NULL, b TEXT NOT NULL, c BIGINT, PRIMARY KEY (a))}.
   */
  public static String table(String name, String key, String columns) {
    String[] keyColumns = split(key);
    String body =
        Stream.concat(Arrays.stream(keyColumns), Arrays.stream(split(columns)))
            .map(Ddl::column)
            .collect(Collectors.joining(", "));
    String primaryKey =
        Arrays.stream(keyColumns).map(c -> c.split(" ")[0]).collect(Collectors.joining(", "));
    return "CREATE TABLE " + name + " (" + body + ", PRIMARY KEY (" + primaryKey + "))";
  }

  private static String[] split(String columns) {
    return Arrays.stream(columns.split(","))
        .map(String::strip)
        .filter(c -> !c.isEmpty())
        .toArray(String[]::new);
  }

  private static String column(String column) {
    return column.endsWith(NULLABLE)
        ? column.substring(0, column.length() - NULLABLE.length())
        : column + " NOT NULL";
  }
}
