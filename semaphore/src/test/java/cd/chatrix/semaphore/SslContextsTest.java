package cd.chatrix.semaphore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.testkit.tls.TestKeys;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real TLS handshakes against a JDK HttpsServer whose keys are made with the JDK's keytool. */
class SslContextsTest {
  private static final char[] PASS = TestKeys.PASSWORD;
  @TempDir static Path dir;
  private static HttpsServer server;
  private static Path serverCa;
  private static Path clientCert;
  private static Path clientKey;

  @BeforeAll
  static void start() throws Exception {
    Path serverStore = TestKeys.keypair(dir, "server", "CN=localhost", "RSA");
    Path clientStore = TestKeys.keypair(dir, "client", "CN=chatrix-bot", "RSA");
    serverCa =
        pem(
            dir.resolve("server.pem"),
            "CERTIFICATE",
            TestKeys.load(serverStore).getCertificate("server").getEncoded());
    KeyStore client = TestKeys.load(clientStore);
    clientCert =
        pem(dir.resolve("client.pem"), "CERTIFICATE", client.getCertificate("client").getEncoded());
    clientKey =
        pem(
            dir.resolve("client.key"),
            "PRIVATE KEY",
            ((PrivateKey) client.getKey("client", PASS)).getEncoded());

    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(TestKeys.load(serverStore), PASS);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(
        kmf.getKeyManagers(), TestKeys.trustingOnly(client.getCertificate("client")), null);

    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setHttpsConfigurator(
        new HttpsConfigurator(context) {
          @Override
          public void configure(HttpsParameters params) {
            var p = getSSLContext().getDefaultSSLParameters();
            p.setWantClientAuth(true);
            params.setSSLParameters(p);
          }
        });
    server.createContext(
        "/api/ping",
        ex -> {
          boolean mutual;
          try {
            mutual =
                ((com.sun.net.httpserver.HttpsExchange) ex)
                        .getSSLSession()
                        .getPeerCertificates()
                        .length
                    > 0;
          } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            mutual = false;
          }
          byte[] body =
              (mutual ? "pong" : "no client certificate").getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static Path pem(Path file, String type, byte[] der) throws Exception {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    Files.writeString(
        file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    return file;
  }

  private static SemaphoreClient client(TlsOptions tls) {
    return SemaphoreClient.create(
        SemaphoreSettings.of(
                URI.create("https://127.0.0.1:" + server.getAddress().getPort()),
                new Credentials.ApiToken("t"))
            .withTls(tls)
            .withRetry(RetryPolicy.none()));
  }

  @Test
  void anUnknownCaIsRefusedByDefault() {
    try (var c = client(TlsOptions.defaults())) {
      assertThatThrownBy(c::ping)
          .isInstanceOf(SemaphoreException.Unreachable.class)
          .hasMessageContaining("TLS");
    }
  }

  @Test
  void aConfiguredCaBundleIsTrusted() {
    try (var c =
        client(new TlsOptions(true, Optional.of(serverCa), Optional.empty(), Optional.empty()))) {
      assertThatThrownBy(c::ping)
          .as("answer is not pong without a client certificate")
          .isInstanceOf(SemaphoreException.ServerError.class);
    }
  }

  @Test
  void clientCertificateAndKeyAreSent() {
    try (var c =
        client(
            new TlsOptions(
                true, Optional.of(serverCa), Optional.of(clientCert), Optional.of(clientKey)))) {
      c.ping();
    }
  }

  @Test
  void aCombinedPemWorksToo() throws Exception {
    Path combined = dir.resolve("combined.pem");
    Files.writeString(combined, Files.readString(clientCert) + Files.readString(clientKey));
    try (var c =
        client(
            new TlsOptions(true, Optional.of(serverCa), Optional.of(combined), Optional.empty()))) {
      c.ping();
    }
  }

  @Test
  void aPkcs1RsaKeyIsWrappedIntoPkcs8() throws Exception {
    byte[] pkcs8 =
        Base64.getMimeDecoder()
            .decode(Files.readString(clientKey).replaceAll("-----[A-Z ]+-----", ""));
    byte[] pkcs1 = innerOctetString(pkcs8);
    assertThat(SslContexts.Pkcs1.wrapRsa(pkcs1)).isEqualTo(pkcs8);
    Path rsaKey = pem(dir.resolve("client-rsa.key"), "RSA PRIVATE KEY", pkcs1);
    try (var c =
        client(
            new TlsOptions(
                true, Optional.of(serverCa), Optional.of(clientCert), Optional.of(rsaKey)))) {
      c.ping();
    }
  }

  /**
   * The PKCS#1 body of a PKCS#8 RSA key: SEQUENCE { INTEGER, AlgorithmIdentifier, OCTET STRING }.
   */
  private static byte[] innerOctetString(byte[] der) {
    int[] at = {0};
    header(der, at);
    int version = header(der, at);
    at[0] += version;
    int algorithm = header(der, at);
    at[0] += algorithm;
    int length = header(der, at);
    return java.util.Arrays.copyOfRange(der, at[0], at[0] + length);
  }

  /** Skips a tag and its length at at[0]; returns the content length. */
  private static int header(byte[] der, int[] at) {
    at[0]++;
    int first = der[at[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int length = 0;
    for (int i = 0; i < (first & 0x7f); i++) {
      length = (length << 8) | (der[at[0]++] & 0xff);
    }
    return length;
  }

  @Test
  void verificationCanBeTurnedOff() {
    try (var c =
        client(
            new TlsOptions(
                false, Optional.empty(), Optional.of(clientCert), Optional.of(clientKey)))) {
      c.ping();
    }
  }

  @Test
  void badFilesSayWhatToFix() {
    assertThatThrownBy(() ->
            SslContexts.build(
                new TlsOptions(
                    true,
                    Optional.of(dir.resolve("missing.pem")),
                    Optional.empty(),
                    Optional.empty())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing.pem");
    assertThatThrownBy(() ->
            SslContexts.build(
                new TlsOptions(
                    true, Optional.empty(), Optional.of(clientCert), Optional.of(clientCert))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("openssl pkcs8");
  }
}
