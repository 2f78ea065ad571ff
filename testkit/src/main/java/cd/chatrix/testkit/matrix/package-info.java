/**
 * An in-process Matrix homeserver speaking the client-server API over real HTTP, with test users
 * that act as people and fault injection for retry and outage tests. {@link
 * cd.chatrix.testkit.matrix.TwoPeopleInARoom} is the common start: a server, Alice and Bob, and a
 * room they are both in.
 *
 * <p>The homeserver speaks as a named real server, its {@link cd.chatrix.testkit.matrix.Dialect}:
 * {@code current} (the spec v1.12+, as today's Synapse serves it; the default) or {@code
 * synapse-1.67} (Synapse 1.67.0: versions up to v1.2, refresh only under {@code v1} with
 * five-minute refreshable tokens, relations only under {@code v1}, no threads list, no
 * authenticated media, no {@code auth_metadata}, unknown endpoints answered 400 M_UNRECOGNIZED,
 * strict sync filters, room version 9 by default and nothing above 10, no {@code Retry-After},
 * user-interactive auth even for the first cross-signing upload). Each difference is one component
 * of the dialect, citing the real server's source; a dialect is never more lenient than the server
 * it names.
 *
 * <p>A test names one with {@code TestHomeserver.start(name, Dialect.SYNAPSE_1_67)}; {@code
 * TestHomeserver.start()} (and so the demo sandbox) takes the one named by the system property
 * {@code chatrixcd.testkit.dialect}, so a whole suite runs as another server with {@code
 * -Dchatrixcd.testkit.dialect=synapse-1.67}.
 */
package cd.chatrix.testkit.matrix;
