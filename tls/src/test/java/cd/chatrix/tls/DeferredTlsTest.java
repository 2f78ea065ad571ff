package cd.chatrix.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.testkit.tls.TestKeys;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HttpClient given this context sets TLS up on its first https connection, with the JDK's
 * default context as it is then, and offers what the default offers. A real handshake against a JDK
 * HttpsServer whose key is made with the JDK's keytool. (That a bot with plain http URLs loads no
 * TLS context at all is IdleFootprintIT's, in the app module: it needs a fresh JVM.)
 */
class DeferredTlsTest {
  private static final char[] PASS = TestKeys.PASSWORD;
  @TempDir static Path dir;
  private static HttpsServer server;
  private static KeyStore serverKeys;

  @BeforeAll
  static void start() throws Exception {
    serverKeys = TestKeys.load(TestKeys.keypair(dir, "server", "CN=localhost", "EC"));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(serverKeys, PASS);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    server.createContext(
        "/_matrix/client/versions",
        ex -> {
          byte[] body = "{\"versions\":[\"v1.11\"]}".getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
  }

  /** Built as the matrix and semaphore clients build theirs. */
  private static HttpClient deferredClient() {
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .sslContext(DeferredTls.context())
        .build();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  @Test
  void httpsUsesTheDefaultContextAsItIsAtTheFirstConnection() throws Exception {
    HttpClient client = deferredClient();
    SSLContext before = SSLContext.getDefault();
    // Made the default only after the client was built: an eager client would not trust the
    // server's self-signed certificate and the handshake would fail.
    SSLContext.setDefault(trusting(serverKeys));
    try {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "https://localhost:"
                              + server.getAddress().getPort()
                              + "/_matrix/client/versions"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("v1.11");
      assertThat(response.sslSession()).get().extracting(s -> s.getProtocol()).isEqualTo("TLSv1.3");
    } finally {
      SSLContext.setDefault(before);
      client.close();
    }
  }

  @Test
  void anUntrustedServerIsStillRefused() {
    try (HttpClient client = deferredClient()) {
      var request =
          HttpRequest.newBuilder(
                  URI.create("https://localhost:" + server.getAddress().getPort() + "/"))
              .build();
      assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
          .hasRootCauseInstanceOf(CertPathBuilderException.class);
    }
  }

  @Test
  void itsParametersAreTheDefaultContextsOwn() throws Exception {
    SSLParameters deferred = DeferredTls.context().getDefaultSSLParameters();
    SSLParameters real = SSLContext.getDefault().getDefaultSSLParameters();
    assertThat(deferred.getProtocols()).containsExactly(real.getProtocols());
    assertThat(deferred.getProtocols()).contains("TLSv1.3", "TLSv1.2");
    assertThat(deferred.getCipherSuites()).containsExactly(real.getCipherSuites());
    assertThat(deferred.getNamedGroups()).isEqualTo(real.getNamedGroups());
    assertThat(deferred.getSignatureSchemes()).isEqualTo(real.getSignatureSchemes());
    assertThat(deferred.getApplicationProtocols()).isEqualTo(real.getApplicationProtocols());
    assertThat(deferred.getEndpointIdentificationAlgorithm())
        .isEqualTo(real.getEndpointIdentificationAlgorithm());
    assertThat(deferred.getNeedClientAuth()).isEqualTo(real.getNeedClientAuth());
    assertThat(deferred.getWantClientAuth()).isEqualTo(real.getWantClientAuth());
    assertThat(deferred.getEnableRetransmissions()).isEqualTo(real.getEnableRetransmissions());
    assertThat(deferred.getMaximumPacketSize()).isEqualTo(real.getMaximumPacketSize());
    assertThat(deferred.getServerNames()).isEqualTo(real.getServerNames());
    assertThat(deferred.getSNIMatchers()).isEqualTo(real.getSNIMatchers());
    assertThat(deferred.getUseCipherSuitesOrder()).isEqualTo(real.getUseCipherSuitesOrder());
    assertThat(deferred.getAlgorithmConstraints() == null)
        .isEqualTo(real.getAlgorithmConstraints() == null);
  }

  private static SSLContext trusting(KeyStore keys) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, TestKeys.trustingOnly(keys.getCertificate("server")), null);
    return context;
  }
}
