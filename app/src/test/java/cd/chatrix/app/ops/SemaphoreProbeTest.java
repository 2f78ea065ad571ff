package cd.chatrix.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cd.chatrix.semaphore.Credentials;
import cd.chatrix.semaphore.SemaphoreClient;
import cd.chatrix.semaphore.SemaphoreSettings;
import cd.chatrix.testkit.semaphore.SemaphoreSimulator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The probe asks an authenticated question on its beat, so an idle bot still notices problems. */
class SemaphoreProbeTest {

  @Test
  void asksTheServerInformationOncePerBeat() throws InterruptedException {
    try (var sim = SemaphoreSimulator.start();
        var client =
            SemaphoreClient.create(
                SemaphoreSettings.of(sim.baseUri(), new Credentials.ApiToken(sim.adminToken())));
        var probe = SemaphoreProbe.start(client, Duration.ofSeconds(1))) {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> sim.requests().count("GET", "/api/info") >= 3);
      long count = sim.requests().count("GET", "/api/info");
      Thread.sleep(1_500);
      // One more (or two with scheduling slack) in 1.5 s: the beat, not a loop.
      assertThat(sim.requests().count("GET", "/api/info") - count).isBetween(1L, 2L);
      assertThat(client.lastInfo()).isPresent();
    }
  }

  @Test
  void theBeatIsThePollIntervalButNeverBusy() {
    try (var sim = SemaphoreSimulator.start();
        var client =
            SemaphoreClient.create(
                SemaphoreSettings.of(sim.baseUri(), new Credentials.ApiToken(sim.adminToken())));
        var fast = SemaphoreProbe.start(client, Duration.ZERO);
        var usual = SemaphoreProbe.start(client)) {
      assertThat(fast.beat()).isEqualTo(Duration.ofSeconds(1));
      assertThat(usual.beat()).isEqualTo(Duration.ofSeconds(10));
    }
  }
}
