package cd.chatrix.app.config;

/** {@code http}: the optional endpoint for health, metrics and Semaphore webhooks. */
public record HttpConfig(boolean enabled, String bind, int port, Secret webhookSecret) {

  static HttpConfig defaults() {
    return new HttpConfig(false, "127.0.0.1", 8088, Secret.NONE);
  }
}
