/**
 * An in-process Matrix homeserver speaking the client-server API over real HTTP, with test users
 * that act as people and fault injection for retry and outage tests.
 */
package cd.chatrix.testkit.matrix;
