package cd.chatrix.app.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The handle a transaction body gets: parameterised statements on the store's connection. It is
 * only valid inside the {@link Store#inTransaction} call that produced it. The store's fence runs
 * before the transaction's first write ({@link #update}, {@link #updateBatch}), not at its start:
 * only writes need it, and on PostgreSQL the fence's row lock makes any transaction one that syncs
 * its commit to disk, which reads need not pay.
 */
public final class Tx {
  /** Reads one row into a value. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  private final Connection connection;
  private Store.Fence fence = tx -> {};
  private boolean fenced;

  Tx(Connection connection) {
    this.connection = connection;
  }

  /** A new outermost transaction begins: {@code check} runs before its first write. */
  void begin(Store.Fence check) {
    this.fence = check;
    this.fenced = false;
  }

  /** Passes the fence now, if this transaction has not yet. */
  void passFence() throws SQLException {
    if (!fenced) {
      fenced = true;
      fence.check(this);
    }
  }

  /** Runs an INSERT, UPDATE, DELETE or DDL statement and returns the number of rows it changed. */
  public int update(String sql, Object... args) throws SQLException {
    passFence();
    try (PreparedStatement statement = prepare(sql, args)) {
      return statement.executeUpdate();
    }
  }

  /** Runs one INSERT, UPDATE or DELETE for each row of arguments, sent to the engine together. */
  public void updateBatch(String sql, List<List<Object>> rows) throws SQLException {
    passFence();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (List<Object> row : rows) {
        for (int i = 0; i < row.size(); i++) {
          statement.setObject(i + 1, unwrap(row.get(i)));
        }
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  /** A column a query returns: its name and its {@link java.sql.Types} code. */
  public record Column(String name, int type) {}

  /** The columns {@code sql} returns, asked of the engine without running it. */
  public List<Column> columns(String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      ResultSetMetaData meta = statement.getMetaData();
      List<Column> columns = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(new Column(meta.getColumnName(i), meta.getColumnType(i)));
      }
      return columns;
    }
  }

  /** Runs a query and maps every row. */
  public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) throws SQLException {
    try (PreparedStatement statement = prepare(sql, args);
        ResultSet rows = statement.executeQuery()) {
      List<T> result = new ArrayList<>();
      while (rows.next()) {
        result.add(mapper.map(rows));
      }
      return result;
    }
  }

  /** Runs a query expected to return at most one row. */
  public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... args)
      throws SQLException {
    try (PreparedStatement statement = prepare(sql, args);
        ResultSet rows = statement.executeQuery()) {
      return rows.next() ? Optional.ofNullable(mapper.map(rows)) : Optional.empty();
    }
  }

  private PreparedStatement prepare(String sql, Object... args) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, unwrap(args[i]));
      }
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  /** Optional arguments become SQL NULL when empty, so repositories never pass null around. */
  private static Object unwrap(Object arg) {
    return switch (arg) {
      case Optional<?> optional -> optional.orElse(null);
      case java.util.OptionalLong optional ->
          optional.isPresent() ? (Object) optional.getAsLong() : null;
      case null -> null;
      default -> arg;
    };
  }
}
