package cd.chatrix.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.AlgorithmConstraints;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The JDK's default TLS context, set up on the first {@code https} connection instead of when an
 * {@link java.net.http.HttpClient} is built.
 *
 * <p>Given no context, the client's constructor asks for {@link SSLContext#getDefault()} and its
 * default parameters (JDK 25, {@code jdk.internal.net.http.HttpClientImpl}), which loads the TLS
 * provider and parses the trust store: about 560 classes and their data in every bot, even one
 * whose homeserver and Semaphore are plain {@code http} on a private network. This context stands
 * for the default one and asks for it only when the client creates a TLS engine or reads a
 * parameter, which it does for an {@code https} connection only. It then behaves exactly as the
 * default (the same trust store, protocols, cipher suites and session cache), since everything is
 * the default's.
 *
 * <p>The matrix and semaphore clients both use it; it lives in a module of its own because those
 * two modules do not depend on each other.
 */
public final class DeferredTls {
  private DeferredTls() {}

  /** A context for {@link java.net.http.HttpClient.Builder#sslContext}; nothing loads yet. */
  public static SSLContext context() {
    return new Context();
  }

  private static SSLContext real() {
    try {
      // Made once and kept by the JDK; a default set with SSLContext.setDefault is honoured.
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      // What the HttpClient's constructor throws for the same failure.
      throw new UncheckedIOException(new IOException(e));
    }
  }

  private static final class Context extends SSLContext {
    Context() {
      super(new Spi(), null, "Default");
    }
  }

  private static final class Spi extends SSLContextSpi {
    private final SSLParameters parameters = new Parameters();

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr)
        throws KeyManagementException {
      throw new KeyManagementException("the default TLS context cannot be initialised again");
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      return real().getSocketFactory();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      return real().getServerSocketFactory();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      return real().createSSLEngine();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      return real().createSSLEngine(host, port);
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      return real().getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      return real().getClientSessionContext();
    }

    /** Read once by the client's constructor and kept: must not load anything yet. */
    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
      return parameters;
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
      return real().getSupportedSSLParameters();
    }
  }

  /**
   * The default context's parameters, read when first asked for. The client copies them for every
   * TLS connection and never changes them. The three final properties of {@link SSLParameters}
   * cannot be deferred and take the default's values here (DeferredTlsTest compares them): no
   * server names (the client sets the host's own per connection), no matchers, the local cipher
   * suite order.
   */
  private static final class Parameters extends SSLParameters {
    private volatile SSLParameters real;

    Parameters() {
      setUseCipherSuitesOrder(true);
    }

    private SSLParameters real() {
      SSLParameters p = real;
      if (p == null) {
        p = DeferredTls.real().getDefaultSSLParameters();
        real = p;
      }
      return p;
    }

    @Override
    public String[] getCipherSuites() {
      return real().getCipherSuites();
    }

    @Override
    public String[] getProtocols() {
      return real().getProtocols();
    }

    @Override
    public boolean getWantClientAuth() {
      return real().getWantClientAuth();
    }

    @Override
    public boolean getNeedClientAuth() {
      return real().getNeedClientAuth();
    }

    @Override
    public AlgorithmConstraints getAlgorithmConstraints() {
      return real().getAlgorithmConstraints();
    }

    @Override
    public String getEndpointIdentificationAlgorithm() {
      return real().getEndpointIdentificationAlgorithm();
    }

    @Override
    public boolean getEnableRetransmissions() {
      return real().getEnableRetransmissions();
    }

    @Override
    public int getMaximumPacketSize() {
      return real().getMaximumPacketSize();
    }

    @Override
    public String[] getApplicationProtocols() {
      return real().getApplicationProtocols();
    }

    @Override
    public String[] getSignatureSchemes() {
      return real().getSignatureSchemes();
    }

    @Override
    public String[] getNamedGroups() {
      return real().getNamedGroups();
    }
  }
}
