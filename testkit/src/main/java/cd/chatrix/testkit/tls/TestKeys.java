package cd.chatrix.testkit.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Key pairs with self-signed certificates for TLS tests, made by the JDK's own {@code keytool} (no
 * key material is checked in): valid two days, for {@code localhost} and {@code 127.0.0.1}, in a
 * PKCS#12 store under the password {@link #PASSWORD}.
 */
public final class TestKeys {
  /** The password of every store and key made here. */
  public static final char[] PASSWORD = "changeit".toCharArray();

  private TestKeys() {}

  /**
   * Makes {@code <dir>/<alias>.p12} holding one key pair; {@code keyAlgorithm} is e.g. EC or RSA.
   */
  public static Path keypair(Path dir, String alias, String dname, String keyAlgorithm) {
    Path store = dir.resolve(alias + ".p12");
    try {
      Process keytool =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                  "-genkeypair",
                  "-alias",
                  alias,
                  "-keyalg",
                  keyAlgorithm,
                  "-dname",
                  dname,
                  "-ext",
                  "SAN=ip:127.0.0.1,dns:localhost",
                  "-validity",
                  "2",
                  "-storetype",
                  "PKCS12",
                  "-keystore",
                  store.toString(),
                  "-storepass",
                  new String(PASSWORD))
              .redirectErrorStream(true)
              .start();
      String output = new String(keytool.getInputStream().readAllBytes());
      if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
        throw new IllegalStateException(
            "keytool could not make the key pair " + alias + ": " + output);
      }
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException("keytool did not run", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while keytool ran", e);
    }
  }

  /** Trust managers that trust {@code certificate} and nothing else (a private CA of one). */
  public static TrustManager[] trustingOnly(Certificate certificate) {
    try {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry("trusted", certificate);
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusted);
      return factory.getTrustManagers();
    } catch (IOException e) {
      throw new UncheckedIOException("could not build a trust store", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not build a trust store", e);
    }
  }

  /** Reads a store {@link #keypair} made. */
  public static KeyStore load(Path store) {
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(in, PASSWORD);
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + store, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not open " + store, e);
    }
  }
}
