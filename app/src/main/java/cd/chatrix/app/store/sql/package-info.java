/**
 * The database engine under every store: {@link cd.chatrix.app.store.sql.Store} (one connection,
 * nested transactions, owner-only files), {@link cd.chatrix.app.store.sql.Migrator} (forward-only
 * migrations, refuses a newer schema), {@link cd.chatrix.app.store.sql.Dialect} (the one place
 * where SQL engines differ; {@code Sqlite} today) and {@link
 * cd.chatrix.app.store.sql.KeyValueStore}, the table of single values several parts share. It knows
 * no table but {@code schema_version} and {@code kv_entries}.
 */
package cd.chatrix.app.store.sql;
