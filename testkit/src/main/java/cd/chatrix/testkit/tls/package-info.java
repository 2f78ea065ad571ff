/**
 * TLS for tests: {@link cd.chatrix.testkit.tls.TestKeys} makes self-signed key pairs with the JDK's
 * keytool, so servers in tests can speak https without key material in the repository.
 */
package cd.chatrix.testkit.tls;
