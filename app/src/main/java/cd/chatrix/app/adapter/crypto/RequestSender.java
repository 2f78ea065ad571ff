package cd.chatrix.app.adapter.crypto;

import cd.chatrix.app.config.Secret;
import cd.chatrix.crypto.OlmMachine;
import cd.chatrix.crypto.OutgoingRequest;
import cd.chatrix.matrix.http.Backoff;
import cd.chatrix.matrix.http.HttpResult;
import cd.chatrix.matrix.http.HttpTransport;
import cd.chatrix.matrix.http.MatrixRequest;
import cd.chatrix.matrix.http.Passing;
import cd.chatrix.matrix.http.ReloginRequiredException;
import cd.chatrix.matrix.http.TransportException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends what the machine asks for and reports each answer back. One flush at a time (a lock), so
 * the sync-side send loop and a sender waiting for keys never send the same request twice at once.
 * Requests that failed for a passing reason (network, 5xx, 429, an endpoint "unrecognized" for a
 * while) stay queued, up to {@link #MAX_ATTEMPTS}; after such a failure, flushes send nothing until
 * a back-off has passed, so callers that flush in a loop do not hammer the homeserver. The server's
 * refusals are reported as failures at once. The transport logs the outage itself; this logs each
 * attempt at DEBUG.
 */
final class RequestSender {
  private static final Logger LOG = LoggerFactory.getLogger(RequestSender.class);

  /** With the production back-off, about a minute and a half of outage before giving up. */
  static final int MAX_ATTEMPTS = 10;

  /** What one flush did. */
  record Flush(int sent, int failed, int deferred) {}

  private final OlmMachine machine;
  private final HttpTransport api;
  private final String userId;
  private final Secret password;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Integer> attempts = new HashMap<>();
  private final Backoff backoff;
  private Instant notBefore = Instant.MIN;
  private int failedFlushes;

  /**
   * @param password the account password, for the user-interactive auth that cross-signing key
   *     uploads need; {@link Secret#NONE} when the bot did not log in with a password
   */
  RequestSender(OlmMachine machine, HttpTransport api, String userId, Secret password) {
    this(machine, api, userId, password, Backoff.configured());
  }

  RequestSender(
      OlmMachine machine, HttpTransport api, String userId, Secret password, Backoff backoff) {
    this.machine = machine;
    this.api = api;
    this.userId = userId;
    this.password = password;
    this.backoff = backoff;
  }

  Flush flush() {
    lock.lock();
    try {
      List<OutgoingRequest> requests = machine.outgoingRequests();
      if (Instant.now().isBefore(notBefore)) {
        return new Flush(0, 0, requests.size());
      }
      int sent = 0;
      int failed = 0;
      int deferred = 0;
      for (OutgoingRequest request : requests) {
        switch (send(request)) {
          case SENT -> sent++;
          case FAILED -> failed++;
          case DEFERRED -> deferred++;
        }
      }
      if (deferred > 0) {
        notBefore = Instant.now().plus(backoff.delay(failedFlushes++));
      } else {
        failedFlushes = 0;
      }
      return new Flush(sent, failed, deferred);
    } finally {
      lock.unlock();
    }
  }

  private enum Outcome {
    SENT,
    FAILED,
    DEFERRED
  }

  private Outcome send(OutgoingRequest request) {
    try {
      HttpResult result = api.exchange(http(request, request.body()));
      if (result.status() == 401
          && request instanceof OutgoingRequest.SigningKeysUpload
          && isUiaChallenge(result)) {
        result = withPassword(request, result);
      }
      if (result.ok()) {
        attempts.remove(request.id());
        machine.markRequestAsSent(request.id(), result.json());
        return Outcome.SENT;
      }
      if (Passing.status(result.error())) {
        return retryLater(request, "HTTP " + result.status());
      }
      LOG.warn(
          "The homeserver refused {} {}: HTTP {} {}",
          request.method(),
          pathOnly(request),
          result.status(),
          result.error().errcode());
      fail(request);
      return Outcome.FAILED;
    } catch (TransportException | JacksonException e) {
      return retryLater(request, e.getClass().getSimpleName());
    } catch (ReloginRequiredException e) {
      // The session ended; the request stays queued for the next login.
      throw e;
    }
  }

  private HttpResult withPassword(OutgoingRequest request, HttpResult challenge) {
    if (!password.isPresent()) {
      // Not an error: encryption works without cross-signing keys; only verifying the bot through
      // its cross-signing identity does not. Servers without MSC3967 (e.g. Synapse 1.67) ask for
      // the
      // password even for the first upload, which an SSO or OIDC login cannot give.
      LOG.warn(
          "The homeserver wants the bot's password before it publishes the bot's cross-signing"
              + " keys, and this bot did not log in with a password. Encryption works without"
              + " them; people verify the bot's device directly. To publish them, log in once"
              + " with auth_type password, or reset the bot's cross-signing identity from another"
              + " client.");
      return challenge;
    }
    ObjectNode body = (ObjectNode) request.body().deepCopy();
    ObjectNode auth = body.putObject("auth");
    auth.put("type", "m.login.password");
    auth.putObject("identifier").put("type", "m.id.user").put("user", userId);
    auth.put("password", password.reveal());
    String session = challenge.json().path("session").asString("");
    if (!session.isEmpty()) {
      auth.put("session", session);
    }
    return api.exchange(http(request, body));
  }

  private static boolean isUiaChallenge(HttpResult result) {
    try {
      return result.json().has("flows");
    } catch (JacksonException notJson) {
      return false;
    }
  }

  private Outcome retryLater(OutgoingRequest request, String why) {
    int tries = attempts.merge(request.id(), 1, Integer::sum);
    if (tries >= MAX_ATTEMPTS) {
      LOG.warn(
          "Giving up on {} {} after {} attempts ({})",
          request.method(),
          pathOnly(request),
          tries,
          why);
      fail(request);
      return Outcome.FAILED;
    }
    LOG.debug("{} {} failed ({}); will retry", request.method(), pathOnly(request), why);
    return Outcome.DEFERRED;
  }

  private void fail(OutgoingRequest request) {
    attempts.remove(request.id());
    machine.markRequestAsFailed(request.id());
  }

  private static MatrixRequest http(OutgoingRequest request, JsonNode body) {
    return switch (request.method()) {
      // To-device and backup PUTs carry a transaction id or version: repeating them is safe.
      case "PUT" -> MatrixRequest.putJson(request.path(), body);
      case "POST" -> MatrixRequest.postJson(request.path(), body);
      default ->
          throw new IllegalArgumentException(
              "The crypto machine asked for an unsupported method " + request.method());
    };
  }

  /** Paths may carry a transaction id; that is fine to log, but queries are cut for brevity. */
  private static String pathOnly(OutgoingRequest request) {
    String path = request.path();
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }
}
