package cd.chatrix.matrix.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A tiny scripted HTTP server on 127.0.0.1 for unit tests of single endpoints: each route maps a
 * request to a canned reply. Unknown routes answer 404 M_UNRECOGNIZED.
 */
public final class FakeHttpServer implements AutoCloseable {
  /** A received request. */
  public record Request(
      String method, String path, String query, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst())
          .findFirst()
          .orElse("");
    }
  }

  /** A reply; {@code drop} closes the connection without answering. */
  public record Reply(int status, String body, Map<String, String> headers, boolean drop) {
    public static Reply json(int status, String body) {
      return new Reply(status, body, Map.of(), false);
    }

    public static Reply dropConnection() {
      return new Reply(0, "", Map.of(), true);
    }

    public Reply withHeader(String name, String value) {
      Map<String, String> copy = new java.util.HashMap<>(headers);
      copy.put(name, value);
      return new Reply(status, body, copy, drop);
    }
  }

  private final HttpServer server;
  private final Map<String, Function<Request, Reply>> routes = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  public FakeHttpServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * Routes {@code "GET /path"} (exact path, query ignored; a trailing {@code *} matches a prefix).
   */
  public FakeHttpServer route(String methodAndPath, Function<Request, Reply> handler) {
    routes.put(methodAndPath, handler);
    return this;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public List<Request> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Request request =
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(),
            exchange.getRequestURI().getRawQuery() == null
                ? ""
                : exchange.getRequestURI().getRawQuery(),
            Map.copyOf(exchange.getRequestHeaders()),
            body);
    requests.add(request);
    String key = request.method() + " " + request.path();
    Function<Request, Reply> handler = routes.get(key);
    if (handler == null) {
      handler =
          routes.entrySet().stream()
              .filter(e ->
                  e.getKey().endsWith("*")
                      && key.startsWith(e.getKey().substring(0, e.getKey().length() - 1)))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElse(null);
    }
    Reply reply =
        handler == null
            ? Reply.json(404, "{\"errcode\":\"M_UNRECOGNIZED\",\"error\":\"no route\"}")
            : handler.apply(request);
    if (reply.drop()) {
      exchange.close();
      return;
    }
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
