/**
 * The leader lease of replicas sharing one PostgreSQL store: the {@code leader_lease} row ({@link
 * cd.chatrix.app.store.lease.LeaseTable}), taking, renewing and releasing it, and the fence every
 * transaction of the leader passes ({@link cd.chatrix.app.store.lease.LeaderLease}). Who waits and
 * when is {@code cd.chatrix.app.boot.lease}'s.
 */
package cd.chatrix.app.store.lease;
