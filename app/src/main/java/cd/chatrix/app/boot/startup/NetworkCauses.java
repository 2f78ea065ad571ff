package cd.chatrix.app.boot.startup;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Short words for why a connection failed, read from the deepest cause that says it: the JDK's HTTP
 * client wraps the interesting exception (an unresolved address, a TLS alert) in a bare {@code
 * ConnectException} or {@code IOException}. The words are stable across attempts, so a change of
 * them is a change of cause worth a log line.
 */
public final class NetworkCauses {
  private NetworkCauses() {}

  /** The cause in words when {@code failure} is a network failure; empty when it is not one. */
  public static Optional<String> describe(Throwable failure) {
    Optional<String> specific = Optional.empty();
    Optional<String> generic = Optional.empty();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      Optional<String> here = words(t);
      if (here.isPresent()) {
        // The deepest specific words win; a bare I/O failure names only its class.
        specific = here;
      } else if (t instanceof IOException io && generic.isEmpty()) {
        generic = Optional.of(genericWords(io));
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return specific.isPresent() ? specific : generic;
  }

  private static String genericWords(IOException e) {
    String message = Optional.ofNullable(e.getMessage()).orElse("");
    return e.getClass().getSimpleName() + (message.isBlank() ? "" : " (" + message + ")");
  }

  private static Optional<String> words(Throwable t) {
    String message = Optional.ofNullable(t.getMessage()).orElse("");
    String lower = message.toLowerCase(Locale.ROOT);
    return Optional.ofNullable(
        switch (t) {
          case UnresolvedAddressException e -> "unknown host (the name does not resolve)";
          case UnknownHostException e -> "unknown host (the name does not resolve)";
          case HttpConnectTimeoutException e -> "connecting timed out";
          case HttpTimeoutException e -> "no answer in time";
          case SocketTimeoutException e -> "no answer in time";
          case SSLException e ->
              lower.contains("plaintext") || lower.contains("unrecognized ssl message")
                  ? "TLS failed: the port speaks plain HTTP (use http:// or the TLS port)"
                  : "TLS failed (" + message + ")";
          case NoRouteToHostException e -> "no route to host";
          case ConnectException e when lower.contains("timed out") -> "connecting timed out";
          case ConnectException e ->
              message.isBlank() || lower.contains("refused")
                  ? "connection refused"
                  : "cannot connect (" + message + ")";
          case EOFException e -> "the connection closed without an answer";
          case IOException e when lower.contains("reset") -> "connection reset";
          case IOException e
              when lower.contains("closed")
                  || lower.contains("eof")
                  || lower.contains("received no bytes") ->
              "the connection closed without an answer";
          default -> null;
        });
  }
}
