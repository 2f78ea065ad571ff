package cd.chatrix.semaphore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** Builds the {@link SSLContext} for {@link TlsOptions} from PEM files. */
public final class SslContexts {
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
  private static final char[] NO_PASSWORD = new char[0];

  private SslContexts() {}

  /**
   * The context for these options. Problems with the files are reported as {@link
   * IllegalArgumentException} with a message naming the file and what to fix.
   */
  public static SSLContext build(TlsOptions options) {
    try {
      TrustManager[] trust = null;
      if (!options.verify()) {
        trust = new TrustManager[] {new TrustEverything()};
      } else if (options.caCert().isPresent()) {
        trust = trustManagers(options.caCert().get());
      }
      KeyManager[] keys = null;
      if (options.clientCert().isPresent()) {
        Path cert = options.clientCert().get();
        keys = keyManagers(cert, options.clientKey().orElse(cert));
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "Could not set up TLS for Semaphore: " + e.getMessage() + ". Check the ssl_* settings.",
          e);
    }
  }

  private static TrustManager[] trustManagers(Path caFile) throws GeneralSecurityException {
    List<Certificate> cas = certificates(caFile);
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    for (int i = 0; i < cas.size(); i++) {
      store.setCertificateEntry("ca-" + i, cas.get(i));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    return tmf.getTrustManagers();
  }

  private static KeyManager[] keyManagers(Path certFile, Path keyFile)
      throws GeneralSecurityException {
    List<Certificate> chain = certificates(certFile);
    PrivateKey key = privateKey(keyFile);
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    store.setKeyEntry("client", key, NO_PASSWORD, chain.toArray(Certificate[]::new));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, NO_PASSWORD);
    return kmf.getKeyManagers();
  }

  private static List<Certificate> certificates(Path file) throws GeneralSecurityException {
    List<Certificate> out = new ArrayList<>();
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    for (Block block : blocks(file)) {
      if (block.type().equals("CERTIFICATE")) {
        out.add(factory.generateCertificate(new ByteArrayInputStream(block.der())));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(
          "No PEM certificate found in "
              + file
              + ": it must contain -----BEGIN CERTIFICATE----- blocks.");
    }
    return out;
  }

  private static PrivateKey privateKey(Path file) throws GeneralSecurityException {
    for (Block block : blocks(file)) {
      byte[] pkcs8 =
          switch (block.type()) {
            case "PRIVATE KEY" -> block.der();
            case "RSA PRIVATE KEY" -> Pkcs1.wrapRsa(block.der());
            default -> null;
          };
      if (pkcs8 == null) {
        continue;
      }
      for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
        try {
          return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
          // Not this algorithm: PKCS#8 does not tell us cheaply, so try the next one.
        }
      }
    }
    throw new IllegalArgumentException(
        "No usable private key in "
            + file
            + ": give an unencrypted PKCS#8 or RSA key (convert with `openssl pkcs8 -topk8 -nocrypt`).");
  }

  private record Block(String type, byte[] der) {}

  private static List<Block> blocks(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot read " + file + " (" + e.getMessage() + "): check the path and permissions.", e);
    }
    List<Block> out = new ArrayList<>();
    Matcher m = PEM.matcher(text);
    while (m.find()) {
      out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
    }
    return out;
  }

  /** Accepts any server; used only when the operator set ssl_verify=false. */
  private static final class TrustEverything extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /** Wraps a PKCS#1 RSAPrivateKey in the PKCS#8 envelope the JDK reads. */
  static final class Pkcs1 {
    private static final byte[] RSA_ALGORITHM = {
      0x30,
      0x0d,
      0x06,
      0x09,
      0x2a,
      (byte) 0x86,
      0x48,
      (byte) 0x86,
      (byte) 0xf7,
      0x0d,
      0x01,
      0x01,
      0x01,
      0x05,
      0x00
    };

    private Pkcs1() {}

    static byte[] wrapRsa(byte[] pkcs1) {
      byte[] version = {0x02, 0x01, 0x00};
      byte[] octets = tlv(0x04, pkcs1);
      byte[] body = concat(version, RSA_ALGORITHM, octets);
      return tlv(0x30, body);
    }

    private static byte[] tlv(int tag, byte[] value) {
      byte[] length;
      int n = value.length;
      if (n < 0x80) {
        length = new byte[] {(byte) n};
      } else if (n < 0x100) {
        length = new byte[] {(byte) 0x81, (byte) n};
      } else if (n < 0x10000) {
        length = new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
      } else {
        length = new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
      }
      return concat(new byte[] {(byte) tag}, length, value);
    }

    private static byte[] concat(byte[]... parts) {
      int size = 0;
      for (byte[] p : parts) {
        size += p.length;
      }
      byte[] out = new byte[size];
      int at = 0;
      for (byte[] p : parts) {
        System.arraycopy(p, 0, out, at, p.length);
        at += p.length;
      }
      return out;
    }
  }
}
