package cd.chatrix.matrix.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Why a request got no HTTP answer, in words an operator can act on. The JDK client reports most
 * failures as a bare {@link ConnectException} or {@link IOException} whose real cause sits a few
 * levels down (an unresolved address, a closed channel, a reset); this reads the chain once and
 * names the host, never the full URL (a query may carry a token).
 *
 * @param kind what went wrong
 * @param host {@code host:port} as the client dialled it
 * @param text one readable sentence fragment, e.g. "connection refused by 127.0.0.1:8448"
 */
public record ConnectionProblem(Kind kind, String host, String text) {

  /** The causes operators meet; each has its own advice. */
  public enum Kind {
    REFUSED,
    UNKNOWN_HOST,
    TLS_TO_PLAIN,
    PLAIN_TO_TLS,
    TLS_FAILED,
    CONNECT_TIMEOUT,
    READ_TIMEOUT,
    RESET,
    CLOSED,
    INTERRUPTED,
    OTHER
  }

  /**
   * Reads {@code failure} of a request to {@code target}.
   *
   * @param connectTimeout the client's connect timeout, for the text
   * @param requestTimeout how long the request waited for its answer, for the text
   */
  public static ConnectionProblem of(
      URI target, IOException failure, Duration connectTimeout, Duration requestTimeout) {
    String host = hostOf(target);
    boolean tls = "https".equalsIgnoreCase(target.getScheme());
    if (failure instanceof InterruptedIOException && !(failure instanceof HttpTimeoutException)) {
      return new ConnectionProblem(
          Kind.INTERRUPTED, host, "the request to " + host + " was interrupted (stopping?)");
    }
    if (failure instanceof HttpConnectTimeoutException) {
      return connectTimeout(target, host, tls, connectTimeout);
    }
    if (failure instanceof HttpTimeoutException) {
      return new ConnectionProblem(
          Kind.READ_TIMEOUT, host, "no answer from " + host + " within " + seconds(requestTimeout));
    }
    if (has(failure, UnresolvedAddressException.class)
        || has(failure, UnknownHostException.class)) {
      return new ConnectionProblem(
          Kind.UNKNOWN_HOST,
          host,
          "unknown host " + target.getHost() + " (check the name and this machine's DNS)");
    }
    Optional<SSLException> ssl = find(failure, SSLException.class);
    if (ssl.isPresent()) {
      return tlsProblem(host, ssl.get());
    }
    if (failure instanceof ConnectException || has(failure, ConnectException.class)) {
      return new ConnectionProblem(
          Kind.REFUSED,
          host,
          "connection refused by " + host + " (is the server running and listening there?)");
    }
    if (!tls && startsWithTlsRecord(failure)) {
      return new ConnectionProblem(
          Kind.PLAIN_TO_TLS,
          host,
          host + " answered with TLS to a plain-HTTP request: use https:// for it");
    }
    Optional<SocketException> socket = find(failure, SocketException.class);
    if (socket.isPresent() && mentions(socket.get(), "reset")) {
      return new ConnectionProblem(Kind.RESET, host, "the connection to " + host + " was reset");
    }
    if (has(failure, EOFException.class) || mentions(failure, "received no bytes")) {
      return new ConnectionProblem(
          Kind.CLOSED, host, host + " closed the connection without answering");
    }
    return new ConnectionProblem(
        Kind.OTHER,
        host,
        "talking to " + host + " failed: " + failure.getClass().getSimpleName() + detail(failure));
  }

  /**
   * A TLS connect that times out is often a TLS client talking to a plain-HTTP server that waits
   * for a request line; a plain TCP connect tells that apart from a host that does not answer.
   */
  private static ConnectionProblem connectTimeout(
      URI target, String host, boolean tls, Duration connectTimeout) {
    if (tls && tcpAnswers(target)) {
      return new ConnectionProblem(
          Kind.TLS_TO_PLAIN,
          host,
          "TLS handshake with "
              + host
              + " got no answer within "
              + seconds(connectTimeout)
              + ": does the server speak plain HTTP? (then use http://)");
    }
    return new ConnectionProblem(
        Kind.CONNECT_TIMEOUT,
        host,
        "could not connect to "
            + host
            + " within "
            + seconds(connectTimeout)
            + " (a firewall, or the host is down)");
  }

  private static ConnectionProblem tlsProblem(String host, SSLException ssl) {
    String message = Optional.ofNullable(ssl.getMessage()).orElse("");
    if (message.contains("Unsupported or unrecognized SSL message")
        || message.contains("plaintext connection")) {
      return new ConnectionProblem(
          Kind.TLS_TO_PLAIN,
          host,
          "TLS handshake with "
              + host
              + " failed: the server speaks plain HTTP? (then use"
              + " http://)");
    }
    if (ssl instanceof SSLHandshakeException
        && (message.contains("PKIX") || message.contains("certificate"))) {
      return new ConnectionProblem(
          Kind.TLS_FAILED,
          host,
          "the TLS certificate of "
              + host
              + " is not trusted ("
              + shorten(message)
              + "); check the server's certificate chain or the CA this bot trusts");
    }
    return new ConnectionProblem(
        Kind.TLS_FAILED, host, "TLS with " + host + " failed: " + shorten(message));
  }

  private static boolean tcpAnswers(URI target) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(target.getHost(), portOf(target)), 1000);
      return true;
    } catch (IOException | IllegalArgumentException | SecurityException e) {
      return false;
    }
  }

  /** A TLS record (alert 0x15 or handshake 0x16) where an HTTP status line was expected. */
  private static boolean startsWithTlsRecord(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null
          && message.contains("status line")
          && (message.indexOf('\u0015') >= 0 || message.indexOf('\u0016') >= 0)) {
        return true;
      }
    }
    return false;
  }

  static String hostOf(URI target) {
    String host = Optional.ofNullable(target.getHost()).orElse("(no host)");
    return host + ":" + portOf(target);
  }

  private static int portOf(URI target) {
    if (target.getPort() >= 0) {
      return target.getPort();
    }
    return "https".equalsIgnoreCase(target.getScheme()) ? 443 : 80;
  }

  private static String seconds(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  private static boolean has(Throwable failure, Class<? extends Throwable> type) {
    return find(failure, type).isPresent();
  }

  private static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
    }
    return Optional.empty();
  }

  private static boolean mentions(Throwable failure, String word) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains(word)) {
        return true;
      }
    }
    return false;
  }

  private static String detail(Throwable failure) {
    return failure.getMessage() == null ? "" : " (" + shorten(failure.getMessage()) + ")";
  }

  /** A server-supplied message, cut short and without anything that looks like a query. */
  private static String shorten(String message) {
    String clean = message.replaceAll("\\?\\S*", "?…").replaceAll("\\p{Cntrl}", " ").strip();
    return clean.length() > 160 ? clean.substring(0, 160) + "…" : clean;
  }
}
