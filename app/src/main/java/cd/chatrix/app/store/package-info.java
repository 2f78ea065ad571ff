/**
 * Everything the bot keeps across restarts, in one database (plus {@code aliases.json} beside the
 * config): SQLite at {@code <store.path or matrix.store_path>/chatrixcd.db} by default, or
 * PostgreSQL when the config's {@code store.type} says so ({@link
 * cd.chatrix.app.store.ConfiguredStore} opens the one the config names). Nothing that must survive
 * a restart lives only in memory.
 *
 * <p>Where each table lives (times are epoch milliseconds in {@code BIGINT} columns):
 *
 * <table>
 *   <caption>Tables and the classes that own them</caption>
 *   <tr><th>table</th><th>what</th><th>class</th><th>migration</th></tr>
 *   <tr><td>{@code schema_version}</td><td>one row per applied migration</td>
 *       <td>{@code sql.Migrator}</td><td>-</td></tr>
 *   <tr><td>{@code kv_entries}</td><td>single values by namespace: {@code matrix.auth} (session),
 *       {@code matrix.sync} (position), {@code matrix.outbox} (unconfirmed sends), {@code
 *       semaphore.newest_task}, {@code bot.not_enabled_notice}</td>
 *       <td>{@code sql.KeyValueStore}; {@code matrix.Sql*Store}, adapters</td><td>1</td></tr>
 *   <tr><td>{@code processed_events}</td><td>Matrix events already handled</td>
 *       <td>{@code matrix.ProcessedEvents}, {@code matrix.SqlSyncStateStore}</td><td>1</td></tr>
 *   <tr><td>{@code pending_confirmations}</td><td>runs waiting for yes/no or approval, and
 *       starts claimed until Semaphore answers ({@code claimed_at})</td>
 *       <td>{@code bot.SqlConfirmationStore}</td><td>1, 6</td></tr>
 *   <tr><td>{@code audit_log}</td><td>who did what, where and when</td>
 *       <td>{@code bot.SqlAuditLog}</td><td>1</td></tr>
 *   <tr><td>{@code room_settings}</td><td>log streaming and subscriptions per room</td>
 *       <td>{@code bot.SqlRoomSettingsStore}</td><td>1</td></tr>
 *   <tr><td>{@code bot_runs}</td><td>one row per task and room, kept after the task ends</td>
 *       <td>{@code bot.SqlRunStore}</td><td>2 ({@code bot.BotTables})</td></tr>
 *   <tr><td>{@code crypto_*}</td><td>Olm account and sessions, Megolm sessions, devices, replay
 *       index, outgoing requests, pending events (pickles sealed)</td>
 *       <td>{@code crypto.SqlCryptoStore}</td><td>3 ({@code crypto.CryptoTables})</td></tr>
 *   <tr><td>{@code leader_lease}</td><td>which replica acts: holder, epoch, expiry (PostgreSQL
 *       replicas; empty on SQLite)</td>
 *       <td>{@code lease.LeaderLease}</td><td>5 ({@code lease.LeaseTable})</td></tr>
 * </table>
 *
 * <p>Migration 4 dropped {@code monitored_runs} and {@code send_transactions}, which no build ever
 * wrote. {@link cd.chatrix.app.store.Housekeeping} prunes old processed events, finished runs and
 * audit entries daily.
 *
 * <p>The packages: {@code sql} is the engine (one connection, transactions, the migration runner,
 * the key/value table); {@code matrix}, {@code bot} and {@code crypto} hold the implementations of
 * those modules' store ports, each named {@code Sql} + the port's name; this package holds the one
 * migration list ({@link cd.chatrix.app.store.Schema}), the housekeeping, and {@link
 * cd.chatrix.app.store.StoreCopy}, which moves an install into an empty database ({@code chatrixcd
 * store migrate --to postgresql}).
 *
 * <p>Adding a migration: write it in the package of the part it serves (next to {@code BotTables}
 * or {@code CryptoTables}, or a new {@code …Tables} class) with the next free version, tables with
 * {@code sql.Ddl.table}, and append it to {@link cd.chatrix.app.store.Schema#MIGRATIONS}; the store
 * refuses a list with gaps. Released migrations are never changed in effect, only followed by new
 * ones ({@code SchemaShapeTest} holds a fresh store to an upgraded one's columns); extend {@code
 * StoreUpgradeTest} so an existing database is shown to keep its data. The one list runs on both
 * engines, and every store test runs on both (the {@code Engine} of the tests).
 *
 * <p>SQL engines: what is particular to an engine (connecting, files, damage and lost-connection
 * detection, the checkpoint at close, the migration lock, listing tables, the upsert, the advice in
 * messages) sits behind {@link cd.chatrix.app.store.sql.Dialect}, implemented by {@code sql.Sqlite}
 * and {@code sql.Postgres}. Everything else keeps to SQL both take, so an engine is one {@code
 * Dialect}, not a copy of every store.
 */
package cd.chatrix.app.store;
