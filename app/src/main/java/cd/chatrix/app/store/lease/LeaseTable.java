package cd.chatrix.app.store.lease;

import static cd.chatrix.app.store.sql.Ddl.table;

import cd.chatrix.app.store.sql.Migration;

/** The table the leader lease lives in, and the migration that makes it. */
public final class LeaseTable {
  private LeaseTable() {}

  static final String NAME = "leader_lease";

  /** The one lease this bot has: replicas of one bot share one database, so one row. */
  static final String LEADER = "leader";

  /**
   * One row per lease: who holds it, the epoch (one more at every change of holder, never reused),
   * and until when, in the database server's milliseconds. The table starts empty (so a new store
   * counts as empty for {@code store migrate}); the first contender inserts the row, and every
   * later take is an UPDATE that contenders serialise on.
   */
  public static final Migration LEADER_LEASE =
      Migration.of(
          5,
          "leader lease for replicas sharing one PostgreSQL database",
          table(
              NAME,
              "lease_name VARCHAR(64)",
              "holder VARCHAR(255), epoch BIGINT, expires_at BIGINT"));
}
