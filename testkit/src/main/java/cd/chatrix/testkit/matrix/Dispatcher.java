package cd.chatrix.testkit.matrix;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single HTTP entry point: records the request, applies queued faults, routes, authenticates,
 * runs the handler (under the server lock unless it long-polls) and writes the reply.
 */
final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  /** Thrown to make the JDK server close the connection without answering. */
  private static final class DropConnection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DropConnection() {
      super("connection dropped by fault injection", null, false, false);
    }
  }

  private final ServerState state;
  private final Router router;
  private final Faults faults;
  private final RequestLog log;

  Dispatcher(ServerState state, Router router, Faults faults, RequestLog log) {
    this.state = state;
    this.router = router;
    this.faults = faults;
    this.log = log;
  }

  Faults faults() {
    return faults;
  }

  RequestLog log() {
    return log;
  }

  void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      String rawQuery = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
      log.record(method, path, rawQuery, exchange.getRequestHeaders(), body);
      Reply reply;
      try {
        reply = answer(exchange, method, path, rawQuery, body);
      } catch (MatrixError e) {
        reply = e.toReply();
      } catch (Refusal e) {
        reply = e.reply();
      } catch (DropConnection e) {
        return; // closing the exchange before any header is sent closes the connection
      } catch (RuntimeException e) {
        LOG.warn("test homeserver failed on {} {}", method, path, e);
        reply = new MatrixError(500, "M_UNKNOWN", "The test homeserver failed: " + e).toReply();
      }
      write(exchange, reply);
    }
  }

  private Reply answer(
      HttpExchange exchange, String method, String path, String rawQuery, byte[] body) {
    if (method.equals("OPTIONS")) {
      return Reply.empty();
    }
    Optional<Faults.Fault> fault = faults.take(path, body);
    if (fault.isPresent()) {
      switch (fault.get()) {
        case Faults.Fault.Delay(var pause) -> pauseFor(pause);
        case Faults.Fault.Hold hold -> {
          carryOut(exchange, method, path, rawQuery, body);
          holdUntilLifted(hold);
          throw new DropConnection();
        }
        default -> {
          return faultReply(fault.get());
        }
      }
    }
    return route(exchange, method, path, rawQuery, body);
  }

  /** The answer a fault gives instead of the real one. */
  private Reply faultReply(Faults.Fault fault) {
    return switch (fault) {
      case Faults.Fault.RateLimit r -> state.dialect.limitExceeded(r.retryAfterMs());
      case Faults.Fault.Fail f ->
          new MatrixError(f.status(), f.errcode(), "Injected failure.").toReply();
      case Faults.Fault.Html h -> htmlPage(h.status());
      case Faults.Fault.Drop d -> throw new DropConnection();
      case Faults.Fault.Lose l -> Reply.empty();
      case Faults.Fault.Delay d -> throw new IllegalStateException("delays are not answers");
      case Faults.Fault.Hold d -> throw new IllegalStateException("holds are not answers");
    };
  }

  /**
   * A page like the ones nginx serves for its own errors (its ngx_http_special_response.c), or, for
   * 200, like a maintenance or captive-portal page: HTML where a client expects JSON.
   */
  private static Reply htmlPage(int status) {
    String title = status == 200 ? "Scheduled maintenance" : status + " Bad Gateway";
    String html =
        "<html>\r\n<head><title>"
            + title
            + "</title></head>\r\n<body>\r\n<center><h1>"
            + title
            + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    return new Reply(
        status, "text/html", html.getBytes(StandardCharsets.UTF_8), java.util.Map.of());
  }

  /** Handles the request for its effect only; what it would have answered is thrown away. */
  private void carryOut(
      HttpExchange exchange, String method, String path, String rawQuery, byte[] body) {
    try {
      route(exchange, method, path, rawQuery, body);
    } catch (MatrixError e) {
      // The client never hears the answer, error or not.
    }
  }

  private static void holdUntilLifted(Faults.Fault.Hold hold) {
    try {
      hold.until().awaitLift(hold.atMost());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Reply route(
      HttpExchange exchange, String method, String path, String rawQuery, byte[] body) {
    Router.Match match = router.match(method, path);
    Map<String, List<String>> query = parseQuery(rawQuery);
    Optional<Session> session = Optional.empty();
    if (match.route().auth() == Router.Auth.REQUIRED) {
      String token = bearer(exchange).or(() -> first(query, "access_token")).orElse("");
      if (token.isEmpty()) {
        throw new MatrixError(401, "M_MISSING_TOKEN", "This endpoint needs an access token.");
      }
      session = Optional.of(state.locked(() -> state.accounts.authenticate(token)));
    }
    Call call =
        new Call(method, path, match.params(), query, exchange.getRequestHeaders(), body, session);
    Router.Handler handler = match.route().handler();
    return match.route().locked() ? state.locked(() -> handler.handle(call)) : handler.handle(call);
  }

  private static void pauseFor(java.time.Duration pause) {
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DropConnection();
    }
  }

  private static Optional<String> bearer(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    return Optional.of(header.substring(7).trim());
  }

  private static Optional<String> first(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
  }

  static Map<String, List<String>> parseQuery(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
    }
    return out;
  }

  private static void write(HttpExchange exchange, Reply reply) throws IOException {
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", reply.contentType());
    headers.set("Access-Control-Allow-Origin", "*");
    headers.set("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
    headers.set("Access-Control-Allow-Headers", "Authorization, Content-Type");
    reply.headers().forEach(headers::set);
    byte[] body = reply.body();
    exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
