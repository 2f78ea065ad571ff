/**
 * Which process acts: {@link cd.chatrix.app.boot.lease.Leadership}, the sole process on SQLite or a
 * {@link cd.chatrix.app.boot.lease.LeaseKeeper} on a shared PostgreSQL store. Start-up waits in
 * {@code awaitLeadership} right after the ops endpoint is up, so a standby answers {@code /readyz}
 * and {@code /metrics} and does nothing else.
 */
package cd.chatrix.app.boot.lease;
