/**
 * A real PostgreSQL for tests: {@link cd.chatrix.testkit.postgres.PostgresCluster} starts Debian's
 * server as a throwaway cluster on a free loopback port, one per test JVM.
 */
package cd.chatrix.testkit.postgres;
