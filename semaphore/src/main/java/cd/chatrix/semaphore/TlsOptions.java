package cd.chatrix.semaphore;

import java.nio.file.Path;
import java.util.Optional;

/**
 * TLS settings of the original configuration ({@code ssl_verify}, {@code ssl_ca_cert}, {@code
 * ssl_client_cert}, {@code ssl_client_key}). Files are PEM. A client certificate file may hold the
 * key too when no key file is given. Keys must be unencrypted PKCS#8 ("PRIVATE KEY") or PKCS#1 RSA
 * ("RSA PRIVATE KEY").
 *
 * @param verify false turns off certificate and host name checks (for lab servers only)
 * @param caCert trust only the CAs in this bundle instead of the JDK's default trust store
 */
public record TlsOptions(
    boolean verify, Optional<Path> caCert, Optional<Path> clientCert, Optional<Path> clientKey) {

  public static TlsOptions defaults() {
    return new TlsOptions(true, Optional.empty(), Optional.empty(), Optional.empty());
  }

  public boolean isDefault() {
    return verify && caCert.isEmpty() && clientCert.isEmpty();
  }
}
