package cd.chatrix.app.boot.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cd.chatrix.semaphore.Credentials;
import cd.chatrix.semaphore.RetryPolicy;
import cd.chatrix.semaphore.SemaphoreClient;
import cd.chatrix.semaphore.SemaphoreSettings;
import cd.chatrix.testkit.semaphore.SemaphoreSimulator;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The console's Semaphore line, asked of the simulator over HTTP. */
class SemaphoreStatusTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final SemaphoreSimulator sim = SemaphoreSimulator.start();
  private final SemaphoreClient client =
      SemaphoreClient.create(
          SemaphoreSettings.of(sim.baseUri(), new Credentials.ApiToken(sim.adminToken()))
              .withRetry(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5)))
              .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10)));
  private SemaphoreStatus status;

  @AfterEach
  void tearDown() {
    if (status != null) {
      status.close();
    }
    client.close();
    sim.close();
  }

  @Test
  void eachLookIsOneRequestForTheServerInformation() {
    status = new SemaphoreStatus(client, Duration.ofMillis(100));

    await().atMost(WAIT).until(() -> sim.requests().count("GET", "/api/info") >= 3);

    assertThat(status.current().reachable()).isTrue();
    assertThat(sim.requests().count("GET", "/api/ping")).isZero();
    assertThat(status.current().version()).isEqualTo(client.info().version()).isNotBlank();
  }

  @Test
  void aServerThatStopsAnsweringIsUnreachableAndKeepsTheVersionLastSeen() {
    status = new SemaphoreStatus(client, Duration.ofMillis(100));
    await().atMost(WAIT).until(() -> status.current().reachable());
    String version = status.current().version();

    sim.stopServing();

    await().atMost(WAIT).until(() -> !status.current().reachable());
    assertThat(status.current().version()).isEqualTo(version).isNotBlank();

    sim.startServing();
    await().atMost(WAIT).until(() -> status.current().reachable());
  }
}
