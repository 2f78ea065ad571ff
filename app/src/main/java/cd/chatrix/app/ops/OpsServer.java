package cd.chatrix.app.ops;

import cd.chatrix.app.config.HttpConfig;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations endpoint: {@code GET /healthz}, {@code GET /readyz}, {@code GET /metrics} and
 * {@code POST /hooks/semaphore}, on the JDK HTTP server with one virtual thread per exchange.
 * Everything else is 404. The webhook path exists only when {@code http.webhook_secret} is set.
 *
 * <p>Paths are matched exactly (the JDK server matches contexts by prefix, so one root handler does
 * the routing). Request URIs are never logged: the webhook's query may carry the secret.
 */
public final class OpsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OpsServer.class);

  public static final String HEALTH_PATH = "/healthz";
  public static final String READY_PATH = "/readyz";
  public static final String METRICS_PATH = "/metrics";
  public static final String HOOK_PATH = "/hooks/semaphore";

  /** Largest webhook body accepted; Semaphore's alerts are well under 4 KiB. */
  public static final int MAX_WEBHOOK_BODY_BYTES = 64 * 1024;

  private final HttpServer server;
  private final ExecutorService executor;
  private final ReadinessCheck readiness;
  private final MetricsHandler metricsHandler;
  private final BotMetrics metrics;
  private final Optional<SemaphoreHookHandler> hook;

  private OpsServer(
      HttpServer server,
      ExecutorService executor,
      ReadinessCheck readiness,
      BotMetrics metrics,
      Optional<SemaphoreHookHandler> hook) {
    this.server = server;
    this.executor = executor;
    this.readiness = readiness;
    this.metricsHandler = new MetricsHandler(metrics.registry());
    this.metrics = metrics;
    this.hook = hook;
  }

  /**
   * Starts listening on {@code config.bind()}:{@code config.port()} (port 0 picks a free port; see
   * {@link #port()}). The caller decides whether to start at all ({@code config.enabled()}).
   *
   * @param readiness asked on every {@code /readyz}; must answer from memory, quickly
   * @param alerts receives every authenticated, parsed Semaphore alert, on the request's thread; an
   *     exception from it makes the response a 500 so Semaphore logs a failed delivery
   * @throws UnusableAddress when {@code http.bind} is no address of this machine
   * @throws IOException when the port is taken; the message names the config keys to change
   */
  public static OpsServer start(
      HttpConfig config,
      BotMetrics metrics,
      ReadinessCheck readiness,
      Consumer<SemaphoreAlert> alerts)
      throws IOException {
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(readiness, "readiness");
    Objects.requireNonNull(alerts, "alerts");
    InetSocketAddress address = usableAddress(config);
    HttpServer server;
    try {
      server = HttpServer.create(address, 0);
    } catch (BindException e) {
      throw new IOException(
          "cannot listen on "
              + config.bind()
              + ":"
              + config.port()
              + " ("
              + e.getMessage()
              + "); choose another http.port or http.bind, or stop whatever uses it",
          e);
    }
    Optional<SemaphoreHookHandler> hook =
        config.webhookSecret().isPresent()
            ? Optional.of(
                new SemaphoreHookHandler(
                    new WebhookAuth(config.webhookSecret()),
                    MAX_WEBHOOK_BODY_BYTES,
                    alerts,
                    metrics))
            : Optional.empty();
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    OpsServer ops = new OpsServer(server, executor, readiness, metrics, hook);
    server.createContext("/", ops::route);
    server.setExecutor(executor);
    server.start();
    log.info(
        "Ops endpoint listening on {}:{} (webhook {})",
        server.getAddress().getAddress().getHostAddress(),
        server.getAddress().getPort(),
        hook.isPresent() ? "enabled" : "disabled: no http.webhook_secret");
    return ops;
  }

  /**
   * {@code http.bind} names no address this machine can listen on: a configuration error, unlike a
   * port that something else holds for now.
   */
  public static final class UnusableAddress extends IOException {
    UnusableAddress(String message) {
      super(message);
    }
  }

  private static InetSocketAddress usableAddress(HttpConfig config) throws UnusableAddress {
    InetSocketAddress address = new InetSocketAddress(config.bind(), config.port());
    if (address.isUnresolved()) {
      throw new UnusableAddress(
          "http.bind: cannot resolve \""
              + config.bind()
              + "\"; use an IP address such as 127.0.0.1 or 0.0.0.0");
    }
    InetAddress ip = address.getAddress();
    if (!ip.isAnyLocalAddress() && !ip.isLoopbackAddress() && !isLocal(ip)) {
      throw new UnusableAddress(
          "http.bind: "
              + config.bind()
              + " is not an address of this machine; use 127.0.0.1, 0.0.0.0 or one of its own"
              + " addresses");
    }
    return address;
  }

  private static boolean isLocal(InetAddress ip) {
    try {
      return NetworkInterface.getByInetAddress(ip) != null;
    } catch (SocketException e) {
      return true; // cannot tell: let the bind itself decide
    }
  }

  /**
   * {@link #start} when {@code http.enabled} is true, else nothing (the endpoint is off by
   * default).
   */
  public static Optional<OpsServer> startIfEnabled(
      HttpConfig config,
      BotMetrics metrics,
      ReadinessCheck readiness,
      Consumer<SemaphoreAlert> alerts)
      throws IOException {
    return config.enabled()
        ? Optional.of(start(config, metrics, readiness, alerts))
        : Optional.empty();
  }

  /** The address actually bound. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** The port actually bound (useful when the configured port was 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Whether {@code /hooks/semaphore} is served (a webhook secret is configured). */
  public boolean webhookEnabled() {
    return hook.isPresent();
  }

  /**
   * Stops accepting connections, lets running exchanges finish briefly, then ends their threads.
   */
  @Override
  public void close() {
    server.stop(1);
    executor.close();
  }

  private void route(HttpExchange exchange) throws IOException {
    try {
      String path = exchange.getRequestURI().getRawPath();
      switch (path) {
        case HEALTH_PATH -> health(exchange);
        case READY_PATH -> ready(exchange);
        case METRICS_PATH -> metrics(exchange);
        case HOOK_PATH -> {
          if (hook.isPresent()) {
            hook.get().handle(exchange);
          } else {
            notFound(exchange);
          }
        }
        default -> notFound(exchange);
      }
    } catch (IOException e) {
      // Usually the client went away mid-response; nothing to answer.
      log.debug("Ops endpoint exchange ended early: {}", e.toString());
    } catch (RuntimeException e) {
      log.error("Ops endpoint failed on {}", exchange.getRequestURI().getRawPath(), e);
      if (exchange.getResponseCode() == -1) {
        Responses.text(exchange, 500, "internal error; see the bot's log\n");
      }
    } finally {
      exchange.close();
    }
  }

  private static boolean readOnly(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    if (method.equals("GET") || method.equals("HEAD")) {
      return true;
    }
    Responses.methodNotAllowed(exchange, "GET, HEAD");
    return false;
  }

  private static void health(HttpExchange exchange) throws IOException {
    if (readOnly(exchange)) {
      Responses.text(exchange, 200, "ok\n");
    }
  }

  private void ready(HttpExchange exchange) throws IOException {
    if (!readOnly(exchange)) {
      return;
    }
    List<CheckResult> results;
    try {
      results = List.copyOf(readiness.check());
    } catch (RuntimeException e) {
      log.warn("The readiness check failed", e);
      results =
          List.of(
              CheckResult.failing(
                  "readiness", "the check itself failed (" + e.getClass().getSimpleName() + ")"));
    }
    List<CheckResult> failing = results.stream().filter(r -> !r.ok()).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ready", failing.isEmpty());
    // Which replica this is, ready or not: a standby is the expected 503 of a pair.
    body.put("role", metrics.leaseRole());
    body.put("lease_epoch", metrics.leaseEpoch());
    if (failing.isEmpty()) {
      body.put("checks", results.stream().map(CheckResult::name).toList());
      Responses.json(exchange, 200, body);
    } else {
      body.put(
          "failing",
          failing.stream().map(r -> Map.of("name", r.name(), "reason", r.reason())).toList());
      Responses.json(exchange, 503, body);
    }
  }

  private void metrics(HttpExchange exchange) throws IOException {
    if (readOnly(exchange)) {
      metricsHandler.handle(exchange);
    }
  }

  private static void notFound(HttpExchange exchange) throws IOException {
    Responses.text(exchange, 404, "not found\n");
  }
}
