/**
 * Which process acts: {@link cd.chatrix.app.boot.lease.Leadership}, the sole process on SQLite or a
 * {@link cd.chatrix.app.boot.lease.LeaseKeeper} on a shared PostgreSQL store. Start-up waits in
 * {@code awaitLeadership} right after the ops endpoint is up, so a standby answers {@code /readyz}
 * and {@code /metrics} and does nothing else. Others hear of its changes: {@code whenStandingBy} (a
 * daemon tells its launcher) and {@code whenActingAgain} (the sync loop goes on at once after a
 * store outage).
 */
package cd.chatrix.app.boot.lease;
