package cd.chatrix.semaphore;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * One HTTP exchange with Semaphore: auth header, JSON in and out, retries for reads, and the
 * mapping of status codes to {@link SemaphoreException}. Knows nothing about Semaphore's resources.
 */
final class HttpTransport implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);

  private final HttpClient http;
  private final URI apiBase;
  private final SemaphoreSettings settings;
  private final JsonMapper json;
  private final Supplier<Optional<String>> authorization;
  private final RequestListener listener;
  private final Outages outages;

  HttpTransport(
      HttpClient http,
      SemaphoreSettings settings,
      JsonMapper json,
      Supplier<Optional<String>> authorization,
      RequestListener listener) {
    this.http = http;
    this.apiBase = settings.apiBase();
    this.settings = settings;
    this.json = json;
    this.authorization = authorization;
    this.listener = listener;
    this.outages = new Outages(settings.url().toString());
  }

  HttpClient http() {
    return http;
  }

  JsonMapper json() {
    return json;
  }

  /**
   * A GET returning JSON, retried on transport errors, 5xx, 429 and answers that are not the API's
   * JSON. {@code what} names the object for errors.
   */
  JsonNode get(String path, Target what) {
    return exchange("GET", path, Optional.empty(), what, settings.retry(), Expect.JSON).json();
  }

  /** {@code GET /api/ping}, retried like a read; an answer other than "pong" is a failure. */
  void ping(Target what) {
    exchange("GET", "/ping", Optional.empty(), what, settings.retry(), Expect.PONG);
  }

  /** A non-idempotent call, never retried. */
  HttpResponse<String> send(String method, String path, Optional<JsonNode> body, Target what) {
    // Semaphore answers these with JSON or nothing; an HTML page means a proxy or sign-in page.
    return exchange(method, path, body, what, RetryPolicy.none(), Expect.JSON).response();
  }

  /** Outages seen so far and whether one is going on. */
  Outages outages() {
    return outages;
  }

  JsonNode parse(String body) {
    return tryParse(body)
        .orElseThrow(() ->
            new SemaphoreException.ServerError(
                200,
                "Semaphore sent a response that is not JSON; check that the configured URL points at"
                    + " Semaphore itself and not at a login page or proxy."));
  }

  private Optional<JsonNode> tryParse(String body) {
    if (body == null || body.isBlank()) {
      return Optional.of(NullNode.getInstance());
    }
    try {
      return Optional.of(json.readTree(body));
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }

  private record Answer(HttpResponse<String> response, JsonNode json) {}

  /** What a 2xx body must be for the answer to count as Semaphore's. */
  private enum Expect {
    ANYTHING,
    JSON,
    PONG
  }

  private Optional<JsonNode> accept(String body, Expect expect) {
    return switch (expect) {
      case ANYTHING -> Optional.of(NullNode.getInstance());
      case JSON -> tryParse(body);
      case PONG ->
          body != null && body.trim().equalsIgnoreCase("pong")
              ? Optional.of(NullNode.getInstance())
              : Optional.empty();
    };
  }

  private Answer exchange(
      String method,
      String path,
      Optional<JsonNode> body,
      Target what,
      RetryPolicy retry,
      Expect expect) {
    SemaphoreException last = null;
    Duration wait = Duration.ZERO;
    String endpoint = RequestListener.Request.endpointOf(path);
    String shown = method + " /api" + path.split("\\?")[0];
    for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
      if (attempt > 1) {
        Duration backoff = retry.delayAfter(attempt - 1);
        sleep(Math.min(Math.max(backoff.toMillis(), wait.toMillis()), retry.maxDelay().toMillis()));
      }
      wait = Duration.ZERO;
      long started = System.nanoTime();
      try {
        HttpResponse<String> response =
            http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        Optional<String> type = response.headers().firstValue("Content-Type");
        if (status >= 200 && status < 300) {
          Optional<JsonNode> parsed = accept(response.body(), expect);
          if (parsed.isPresent()) {
            report(method, path, status, RequestListener.Outcome.OK, started);
            outages.answered(endpoint, shown);
            return new Answer(response, parsed.get());
          }
          report(method, path, status, RequestListener.Outcome.SERVER_ERROR, started);
          outages.failed(endpoint, Diagnosis.notJson(shown, type), started);
          last =
              new SemaphoreException.ServerError(
                  status,
                  expect == Expect.PONG
                      ? "The configured URL answered the ping, but not like Semaphore does; check"
                          + " the URL."
                      : notJsonMessage());
        } else {
          report(method, path, status, Diagnosis.outcome(status, type), started);
          Optional<Outages.Problem> problem =
              Diagnosis.ofStatus(shown, status, type, passwordLogin());
          problem.ifPresentOrElse(
              p -> outages.failed(endpoint, p, started), () -> outages.answered(endpoint, shown));
          SemaphoreException failure = Errors.forStatus(status, type, response.body(), what, json);
          if (!(failure instanceof SemaphoreException.ServerError)) {
            throw failure;
          }
          last = failure;
          wait = retryAfter(response);
        }
      } catch (HttpTimeoutException e) {
        boolean connect = e instanceof java.net.http.HttpConnectTimeoutException;
        report(
            method,
            path,
            0,
            connect ? RequestListener.Outcome.UNREACHABLE : RequestListener.Outcome.TIMEOUT,
            started);
        outages.failed(
            endpoint,
            connect
                ? Diagnosis.unreachable(shown, e)
                : Diagnosis.timeout(shown, settings.requestTimeout()),
            started);
        last =
            new SemaphoreException.Unreachable(
                "Semaphore did not answer within "
                    + (connect ? settings.connectTimeout() : settings.requestTimeout()).toSeconds()
                    + " s; it may be overloaded or restarting. Try again shortly.",
                e);
      } catch (IOException e) {
        report(method, path, 0, RequestListener.Outcome.UNREACHABLE, started);
        outages.failed(endpoint, Diagnosis.unreachable(shown, e), started);
        last =
            new SemaphoreException.Unreachable(
                "Cannot reach Semaphore at "
                    + settings.url()
                    + " ("
                    + Diagnosis.cause(e)
                    + "). Check that it is running and that the URL and TLS settings are right.",
                e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SemaphoreException.Unreachable("Interrupted while calling Semaphore.", e);
      }
      LOG.debug("{} failed (attempt {}): {}", shown, attempt, last.getMessage());
    }
    throw last;
  }

  private static String notJsonMessage() {
    return "Semaphore sent a response that is not JSON; check that the configured URL points at"
        + " Semaphore itself and not at a login page or proxy.";
  }

  private boolean passwordLogin() {
    return settings.credentials() instanceof Credentials.Password;
  }

  /** A proxy's {@code Retry-After} in seconds (RFC 9110 §10.2.3); dates are not worth parsing. */
  private static Duration retryAfter(HttpResponse<String> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .flatMap(v -> {
          try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v.trim()))));
          } catch (NumberFormatException e) {
            return Optional.empty();
          }
        })
        .orElse(Duration.ZERO);
  }

  private void report(
      String method, String path, int status, RequestListener.Outcome outcome, long started) {
    try {
      listener.requestDone(
          new RequestListener.Request(
              method,
              RequestListener.Request.endpointOf(path),
              status,
              outcome,
              java.time.Duration.ofNanos(System.nanoTime() - started)));
    } catch (RuntimeException e) {
      LOG.warn("A Semaphore request listener failed", e);
    }
  }

  private HttpRequest request(String method, String path, Optional<JsonNode> body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(apiBase + path))
            .timeout(settings.requestTimeout())
            // Without it, Semaphore answers a bad path id with a redirect to the web UI instead of
            // a 400.
            .header("Accept", "application/json");
    authorization.get().ifPresent(value -> b.header("Authorization", value));
    if (body.isPresent()) {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body.get())));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return b.build();
  }

  private static void sleep(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SemaphoreException.Unreachable("Interrupted while waiting to retry Semaphore.", e);
    }
  }

  @Override
  public void close() {
    // Bounded: a graceful close would wait for open websockets and slow requests indefinitely.
    http.shutdown();
    try {
      if (!http.awaitTermination(java.time.Duration.ofSeconds(2))) {
        http.shutdownNow();
      }
    } catch (InterruptedException e) {
      http.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * What a request is about, for error messages; {@code taskRoute} marks routes where 400 means "no
   * such task".
   */
  record Target(String description, boolean taskRoute, String badRequestReason) {
    static Target of(String description) {
      return new Target(description, false, "the request was not valid");
    }

    static Target task(int projectId, int taskId) {
      return new Target("task " + taskId + " of project " + projectId, true, "");
    }

    /**
     * A task action whose empty 400 cannot tell "no such task" from "not possible in this state".
     */
    static Target taskAction(int projectId, int taskId, String badRequestReason) {
      return new Target("task " + taskId + " of project " + projectId, false, badRequestReason);
    }
  }
}
