package cd.chatrix.app.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The {@code semaphore} section: the Semaphore UI server and how to authenticate to it. */
public record SemaphoreConfig(
    String url,
    Secret apiToken,
    String username,
    Secret password,
    boolean sslVerify,
    Optional<Path> sslCaCert,
    Optional<Path> sslClientCert,
    Optional<Path> sslClientKey,
    Duration timeout) {

  static SemaphoreConfig defaults() {
    return new SemaphoreConfig(
        "",
        Secret.NONE,
        "",
        Secret.NONE,
        true,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Duration.ofSeconds(30));
  }
}
