package cd.chatrix.semaphore;

import cd.chatrix.semaphore.Outages.Kind;
import cd.chatrix.semaphore.Outages.Problem;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Reads one failed exchange: what kind of problem it is, whether a retry may help, and the warning
 * an operator gets for it. Semaphore's own API errors have an {@code application/json} content type
 * even when empty (semaphore-api.md §0), so an HTML or plain-text error came from somewhere else: a
 * proxy in front, or a path that is not Semaphore's API.
 */
final class Diagnosis {
  private Diagnosis() {}

  /** Whether a body of this content type can be Semaphore's API speaking. */
  static boolean fromApi(Optional<String> contentType) {
    return contentType.map(t -> t.toLowerCase(Locale.ROOT).contains("json")).orElse(false);
  }

  /** Whether this status is a failure of the server (or its proxy) rather than a refusal. */
  static boolean serverSide(int status, Optional<String> contentType) {
    return status >= 500 || status == 429 || (status == 404 && !fromApi(contentType));
  }

  static RequestListener.Outcome outcome(int status, Optional<String> contentType) {
    if (status >= 200 && status < 300) {
      return RequestListener.Outcome.OK;
    }
    if (status == 401 || status == 403) {
      return RequestListener.Outcome.UNAUTHORIZED;
    }
    return serverSide(status, contentType)
        ? RequestListener.Outcome.SERVER_ERROR
        : RequestListener.Outcome.CLIENT_ERROR;
  }

  /** The warning for an HTTP answer that is a problem; empty for a refusal of one request. */
  static Optional<Problem> ofStatus(
      String what, int status, Optional<String> contentType, boolean passwordLogin) {
    String type = typeOf(contentType);
    if (status == 401) {
      return warning(
          Kind.TOKEN_REFUSED,
          what,
          passwordLogin
              ? "no longer accepts the bot's API token (HTTP 401 on "
                  + what
                  + "): restart the bot to log in again, or set semaphore.api_token"
              : "refuses the API token (HTTP 401 on "
                  + what
                  + "): create a new token in Semaphore and set semaphore.api_token");
    }
    if (status == 403) {
      return warning(
          Kind.FORBIDDEN,
          what,
          "does not let the bot's user do this (HTTP 403 on "
              + what
              + "): give that user a role in the project (task_runner or higher)");
    }
    if (status == 429) {
      return warning(
          Kind.FAILING,
          what,
          "is limiting the bot's requests (HTTP 429 on "
              + what
              + "); Semaphore has no limiter of its own, so check the proxy in front of it,"
              + " or set plugins.semaphore_poll.poll_interval higher");
    }
    if (status == 404 && !fromApi(contentType)) {
      return warning(
          Kind.FAILING,
          what,
          "has no API at "
              + what
              + " (HTTP 404, "
              + type
              + "): check semaphore.url (including any path) and the proxy in front of it");
    }
    if (status >= 500) {
      return warning(
          Kind.FAILING,
          what,
          fromApi(contentType) || type.equals("no content type")
              ? "fails (HTTP "
                  + status
                  + " on "
                  + what
                  + "): check the Semaphore server log and its database"
              : "is behind a proxy that answers HTTP "
                  + status
                  + " ("
                  + type
                  + ") on "
                  + what
                  + ": Semaphore itself is down or restarting; check its service");
    }
    return Optional.empty();
  }

  private static Optional<Problem> warning(Kind kind, String what, String text) {
    return Optional.of(new Problem(kind, what, text));
  }

  /** The media type without its parameters, as a warning names it. */
  private static String typeOf(Optional<String> contentType) {
    return contentType.map(t -> t.split(";")[0].trim()).orElse("no content type");
  }

  /** The warning for a 2xx answer whose body is not the JSON the API always sends. */
  static Problem notJson(String what, Optional<String> contentType) {
    return new Problem(
        Kind.FAILING,
        what,
        "answered "
            + what
            + " with something that is not Semaphore's ("
            + typeOf(contentType)
            + "): check that semaphore.url points at Semaphore itself, not a sign-in page or proxy");
  }

  static Problem timeout(String what, Duration timeout) {
    return new Problem(
        Kind.TIMEOUT,
        what,
        "did not answer "
            + what
            + " within "
            + (timeout.toMillis() < 1000 ? timeout.toMillis() + " ms" : timeout.toSeconds() + " s")
            + ": it may be overloaded, or a proxy in front of it is holding requests; check the"
            + " server's load and log (semaphore.timeout sets the wait)");
  }

  static Problem unreachable(String what, IOException e) {
    return new Problem(
        Kind.UNREACHABLE,
        what,
        "cannot be reached ("
            + cause(e)
            + " on "
            + what
            + "): check that it is running and that semaphore.url and the TLS settings are right");
  }

  /** A short human cause for a failed connection, without the exception's class noise. */
  static String cause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
        return "unknown host";
      }
      if (t instanceof SSLException) {
        return "TLS handshake failed";
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpConnectTimeoutException) {
        return "no connection within the connect timeout";
      }
      if (t instanceof ConnectException) {
        return "connection refused";
      }
      if (t instanceof EOFException) {
        return "connection closed without an answer";
      }
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("reset")) {
        return "connection reset";
      }
      if (m.contains("eof") || m.contains("closed") || m.contains("no bytes")) {
        return "connection closed without an answer";
      }
      if (m.contains("refused")) {
        return "connection refused";
      }
    }
    return "no answer (" + e.getClass().getSimpleName() + ")";
  }
}
