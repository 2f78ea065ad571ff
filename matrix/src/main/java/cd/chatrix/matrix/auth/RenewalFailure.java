package cd.chatrix.matrix.auth;

import cd.chatrix.matrix.http.MatrixException;
import cd.chatrix.matrix.http.Passing;
import cd.chatrix.matrix.http.ReloginRequiredException;
import cd.chatrix.matrix.http.TransportException;
import tools.jackson.core.JacksonException;

/**
 * Why renewing a session failed, reduced to what decides the next step: a transient failure (no
 * connection, 5xx, 429, 404 {@code M_UNRECOGNIZED}, an unreadable answer) is tried again after a
 * back-off; a permanent one (the server refuses the credential, offers no way to renew) is not. The
 * reason is our own short text (status and error code, never a server's free text or a token), fit
 * for a log line.
 */
record RenewalFailure(boolean permanent, String reason, boolean outageLogged) {

  RenewalFailure(boolean permanent, String reason) {
    this(permanent, reason, false);
  }

  static RenewalFailure permanent(String reason) {
    return new RenewalFailure(true, reason);
  }

  /** Classifies an exception from a renewer or a login by the most telling cause in its chain. */
  static RenewalFailure of(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      switch (t) {
        case ReloginRequiredException r -> {
          return permanent("the server no longer accepts the credential (" + code(r) + ")");
        }
        case MatrixException m -> {
          // The same judgement as every other request: 5xx, 429 and an endpoint the server
          // briefly does not know (a proxy or an upgrade in between) pass; 408 too.
          int status = m.error().status();
          boolean passing = status == 408 || Passing.status(m.error());
          return new RenewalFailure(
              !passing, "HTTP " + status + " " + code(m), Passing.status(m.error()));
        }
        case TransportException e -> {
          return new RenewalFailure(false, "no connection to the server", true);
        }
        case OAuthTokens.Refused r -> {
          return new RenewalFailure(r.permanent(), "the identity provider answered " + r.code());
        }
        case JacksonException e -> {
          return new RenewalFailure(false, "an answer that is not JSON");
        }
        case com.nimbusds.oauth2.sdk.ParseException e -> {
          return new RenewalFailure(false, "an answer that could not be read");
        }
        case MalformedAnswer e -> {
          return new RenewalFailure(false, e.getMessage());
        }
        default -> {}
      }
    }
    if (thrown instanceof LoginException) {
      // Our own words, e.g. "the server refused the credentials; check them".
      return permanent(thrown.getMessage());
    }
    return new RenewalFailure(false, thrown.getClass().getSimpleName());
  }

  /** The two failures of one attempt (refresh, then a new login) as one. */
  RenewalFailure and(RenewalFailure later) {
    return new RenewalFailure(
        permanent && later.permanent,
        reason + "; then " + later.reason,
        outageLogged && later.outageLogged);
  }

  private static String code(MatrixException e) {
    return e.error().errcode();
  }

  /** A 2xx answer without the fields it must have (a proxy's page, a half-written body). */
  static final class MalformedAnswer extends RuntimeException {
    MalformedAnswer(String what) {
      super(what);
    }
  }
}
