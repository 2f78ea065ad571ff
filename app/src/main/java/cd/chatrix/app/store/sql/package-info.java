/**
 * The database engine under every store: {@link cd.chatrix.app.store.sql.Store} (one connection,
 * nested transactions, owner-only files for SQLite, a new connection after PostgreSQL dropped one),
 * {@link cd.chatrix.app.store.sql.Migrator} (forward-only migrations, one process at a time,
 * refuses a newer schema), {@link cd.chatrix.app.store.sql.Dialect} (the one place where SQL
 * engines differ: {@code Sqlite}, the embedded default, and {@code Postgres}), {@link
 * cd.chatrix.app.store.sql.Ddl} (how migrations write a table) and {@link
 * cd.chatrix.app.store.sql.KeyValueStore}, the table of single values several parts share. It knows
 * no table but {@code schema_version} and {@code kv_entries}.
 *
 * <p>SQLite runs in WAL mode with {@code synchronous=NORMAL}: a commit survives a crash of the
 * process but a power cut may undo the last ones, as a suffix. A write that gates an effect that
 * must never happen twice uses {@link cd.chatrix.app.store.sql.Store#inDurableTransaction}, which
 * syncs (docs/bench/reaction.md says what can repeat after a power cut). {@code
 * SqliteNativeLibrary} keeps the driver's native library in the store directory, so a start does
 * not extract it again.
 *
 * <p>PostgreSQL runs on one connection too: the stores' read-then-write steps (compare-and-set, the
 * next place in a queue) rely on this process's transactions never interleaving, which one
 * connection gives without serializable isolation and retries. Several bot processes on one
 * database are not supported yet (that needs the leader lease).
 */
package cd.chatrix.app.store.sql;
