package cd.chatrix.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.app.store.bot.SqlRunStore;
import cd.chatrix.app.store.sql.Dialect;
import cd.chatrix.app.store.sql.KeyValueStore;
import cd.chatrix.app.store.sql.Store;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StoreCopy} into PostgreSQL: what it copies and what it refuses. That the copied state
 * reads back equal through every port is {@link StoreUpgradeTest}'s PostgreSQL run.
 */
class StoreCopyTest {
  @TempDir Path dir;

  private Dialect sqliteWith(String name, String value) {
    Dialect source = Dialect.sqlite(dir.resolve(name));
    try (Store store = Store.open(source, Schema.MIGRATIONS)) {
      new KeyValueStore(store).put("matrix.sync", "since", value);
    }
    return source;
  }

  private static String since(Dialect database) {
    try (Store store = Store.open(database, Schema.MIGRATIONS)) {
      return new KeyValueStore(store).get("matrix.sync", "since").orElseThrow();
    }
  }

  @Test
  void theReportNamesEveryTableWithMatchingCounts() {
    Dialect target = Engine.POSTGRESQL.fresh(dir);

    StoreCopy.Report report = StoreCopy.copy(sqliteWith("a", "s1"), target);

    try (Store store = Store.open(target, Schema.MIGRATIONS)) {
      List<String> tables =
          store.inTransaction(tx -> tx.query(store.dialect().tablesQuery(), r -> r.getString(1)));
      assertThat(report.tables())
          .extracting(StoreCopy.TableCount::table)
          .containsExactlyElementsOf(
              tables.stream().filter(t -> !t.equals("schema_version")).toList());
      assertThat(new SqlRunStore(store).active()).isEmpty();
    }
    assertThat(report.tables()).allMatch(StoreCopy.TableCount::matches);
    assertThat(report.tables())
        .filteredOn(t -> t.table().equals("kv_entries"))
        .singleElement()
        .isEqualTo(new StoreCopy.TableCount("kv_entries", 1, 1));
    assertThat(report.rows()).isEqualTo(1);
    assertThat(since(target)).isEqualTo("s1");
  }

  @Test
  void aTargetHoldingABotsDataIsRefusedAndKeepsIt() {
    Dialect target = Engine.POSTGRESQL.fresh(dir);
    StoreCopy.copy(sqliteWith("first", "s1"), target);

    assertThatThrownBy(() -> StoreCopy.copy(sqliteWith("second", "s2"), target))
        .isInstanceOf(StoreCopy.TargetNotEmptyException.class)
        .hasMessageContaining("The target database " + target.location() + " is not empty")
        .hasMessageContaining("holds a bot's data already")
        .hasMessageContaining("kv_entries")
        .hasMessageContaining("create a new database");
    assertThat(since(target)).isEqualTo("s1");
  }

  @Test
  void aDatabaseWithTablesOfItsOwnIsRefusedWithoutAddingOurs() throws Exception {
    Dialect target = Engine.POSTGRESQL.fresh(dir);
    try (var connection = target.connect();
        var statement = connection.createStatement()) {
      statement.execute("CREATE TABLE invoices (id BIGINT PRIMARY KEY)");
    }

    assertThatThrownBy(() -> StoreCopy.copy(sqliteWith("a", "s1"), target))
        .isInstanceOf(StoreCopy.TargetNotEmptyException.class)
        .hasMessageContaining("has tables of its own (invoices)");
    try (var connection = target.connect();
        var rows = connection.createStatement().executeQuery(target.tablesQuery())) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("invoices");
      assertThat(rows.next()).isFalse();
    }
  }

  @Test
  void ourEmptySchemaLeftByAnEarlierAttemptCountsAsEmpty() {
    Dialect target = Engine.POSTGRESQL.fresh(dir);
    Store.open(target, Schema.MIGRATIONS).close();

    StoreCopy.copy(sqliteWith("a", "s1"), target);

    assertThat(since(target)).isEqualTo("s1");
  }
}
