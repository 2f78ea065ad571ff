/**
 * TLS for the HTTP clients of the matrix and semaphore modules: {@link cd.chatrix.tls.DeferredTls}
 * stands for the JDK's default context and sets it up only when an {@code https} connection needs
 * it, so a bot talking plain {@code http} on a private network never loads the TLS stack. JDK only.
 */
package cd.chatrix.tls;
