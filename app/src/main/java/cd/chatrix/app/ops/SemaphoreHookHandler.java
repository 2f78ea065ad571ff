package cd.chatrix.app.ops;

import cd.chatrix.app.ops.BotMetrics.WebhookResult;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /hooks/semaphore}: authenticate, bound the body, parse, hand over. The order matters:
 * an unauthenticated caller is turned away before a byte of its body is read or parsed, and nothing
 * reaches the consumer unless every step passed. Answers 200 on success because Semaphore's Slack
 * and Rocket.Chat senders log anything else as a failed delivery.
 */
final class SemaphoreHookHandler {
  private static final Logger log = LoggerFactory.getLogger(SemaphoreHookHandler.class);

  private final WebhookAuth auth;
  private final int maxBodyBytes;
  private final Consumer<SemaphoreAlert> alerts;
  private final BotMetrics metrics;
  private final SemaphoreAlertParser parser = new SemaphoreAlertParser();

  SemaphoreHookHandler(
      WebhookAuth auth, int maxBodyBytes, Consumer<SemaphoreAlert> alerts, BotMetrics metrics) {
    this.auth = auth;
    this.maxBodyBytes = maxBodyBytes;
    this.alerts = alerts;
    this.metrics = metrics;
  }

  void handle(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestMethod().equals("POST")) {
      Responses.methodNotAllowed(exchange, "POST");
      return;
    }
    if (!auth.accepts(exchange.getRequestHeaders(), exchange.getRequestURI().getRawQuery())) {
      metrics.webhookRequest(WebhookResult.UNAUTHORIZED);
      // Only the peer address: the headers and the query may hold a (wrong) secret.
      log.warn(
          "Refused a Semaphore webhook from {}: missing or wrong secret",
          exchange.getRemoteAddress().getAddress().getHostAddress());
      exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"chatrixcd\"");
      Responses.text(exchange, 401, "missing or wrong webhook secret\n");
      return;
    }
    Optional<byte[]> body = readBounded(exchange);
    if (body.isEmpty()) {
      metrics.webhookRequest(WebhookResult.TOO_LARGE);
      Responses.text(exchange, 413, "body larger than " + maxBodyBytes + " bytes\n");
      return;
    }
    switch (parser.parse(new String(body.get(), StandardCharsets.UTF_8))) {
      case SemaphoreAlertParser.Result.Malformed(String reason) -> {
        metrics.webhookRequest(WebhookResult.MALFORMED);
        Responses.text(exchange, 400, reason + "\n");
      }
      case SemaphoreAlertParser.Result.NotAnAlert(String reason) -> {
        metrics.webhookRequest(WebhookResult.NOT_AN_ALERT);
        Responses.text(exchange, 422, reason + "\n");
      }
      case SemaphoreAlertParser.Result.Parsed(SemaphoreAlert alert) -> deliver(exchange, alert);
    }
  }

  private void deliver(HttpExchange exchange, SemaphoreAlert alert) throws IOException {
    log.info(
        "Semaphore alert: task {} {}",
        alert.taskId(),
        alert.status().map(s -> s.wire()).orElse("(status not given)"));
    try {
      alerts.accept(alert);
    } catch (RuntimeException e) {
      metrics.webhookRequest(WebhookResult.HANDLER_FAILED);
      log.error("The Semaphore alert for task {} could not be handled", alert.taskId(), e);
      Responses.text(exchange, 500, "the bot could not handle this alert; see its log\n");
      return;
    }
    metrics.webhookRequest(WebhookResult.ACCEPTED);
    Responses.json(exchange, 200, Map.of("ok", true, "task_id", alert.taskId()));
  }

  /**
   * The body, or empty when it is larger than allowed. A declared length is trusted for the early
   * refusal; otherwise (chunked bodies) at most one byte more than allowed is read, so an oversized
   * body is detected without ever being held in memory.
   */
  private Optional<byte[]> readBounded(HttpExchange exchange) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.strip()) > maxBodyBytes) {
          return Optional.empty();
        }
      } catch (NumberFormatException e) {
        // The server itself refuses a bad Content-Length; the read below is bounded anyway.
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(maxBodyBytes + 1);
      return body.length > maxBodyBytes ? Optional.empty() : Optional.of(body);
    }
  }
}
