package cd.chatrix.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.store.sql.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migrations are the schema's only description, and they have been rewritten in a shorter form
 * ({@code Ddl.table}) since stores in the field were made: a store made today must have exactly the
 * tables and columns of a store upgraded from then (the v3 dump of {@link StoreUpgradeTest}).
 */
class SchemaShapeTest {
  @TempDir Path dir;

  @Test
  void aFreshStoreHasTheColumnsOfAnUpgradedOne() throws Exception {
    Path old = Files.createDirectories(dir.resolve("old"));
    try (Connection db =
            DriverManager.getConnection("jdbc:sqlite:" + old.resolve(Store.FILE_NAME));
        Statement statement = db.createStatement()) {
      for (String sql :
          StoreUpgradeTest.statements(StoreUpgradeTest.resource("chatrixcd-v3.sql"))) {
        statement.execute(sql);
      }
    }
    Store.open(old, Schema.MIGRATIONS).close();
    Store.open(dir.resolve("fresh"), Schema.MIGRATIONS).close();

    List<String> upgraded = columns(old);
    assertThat(upgraded).hasSizeGreaterThan(80);
    assertThat(columns(dir.resolve("fresh"))).containsExactlyElementsOf(upgraded);
  }

  /**
   * Table, column, type, key position and nullability of every column; key columns count as NOT
   * NULL (see {@code Ddl}: SQLite once let an inline single-column key hold NULL).
   */
  private static List<String> columns(Path store) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection db =
            DriverManager.getConnection("jdbc:sqlite:" + store.resolve(Store.FILE_NAME));
        var tables =
            db.createStatement()
                .executeQuery(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                        + " AND name <> 'schema_version' ORDER BY name")) {
      while (tables.next()) {
        String table = tables.getString(1);
        try (var info = db.createStatement().executeQuery("PRAGMA table_info(" + table + ")")) {
          while (info.next()) {
            boolean key = info.getInt("pk") > 0;
            out.add(
                String.join(
                    " ",
                    table,
                    info.getString("name"),
                    info.getString("type"),
                    "pk" + info.getInt("pk"),
                    key || info.getInt("notnull") == 1 ? "NOT NULL" : "NULL"));
          }
        }
      }
    }
    return out;
  }
}
