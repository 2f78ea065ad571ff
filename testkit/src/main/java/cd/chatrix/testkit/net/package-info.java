/**
 * Network plumbing for tests that need a server to vanish and come back at the same address: see
 * {@link cd.chatrix.testkit.net.Switchboard}.
 */
package cd.chatrix.testkit.net;
