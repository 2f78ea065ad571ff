package cd.chatrix.app.adapter.semaphore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.semaphore.Credentials;
import cd.chatrix.semaphore.RetryPolicy;
import cd.chatrix.semaphore.SemaphoreClient;
import cd.chatrix.semaphore.SemaphoreException;
import cd.chatrix.semaphore.SemaphoreSettings;
import cd.chatrix.semaphore.model.ServerInfo;
import cd.chatrix.testkit.semaphore.SemaphoreSimulator;
import cd.chatrix.testkit.semaphore.Shape;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Upgrades happen across restarts: the dialect asks again once Semaphore is back. */
class ServerDialectRestartTest {

  @Test
  void anUpgradeAcrossARestartIsNoticedWhenSemaphoreComesBack() {
    try (var sim = SemaphoreSimulator.start(Shape.V2_10);
        var client =
            SemaphoreClient.create(
                SemaphoreSettings.of(sim.baseUri(), new Credentials.ApiToken(sim.adminToken()))
                    .withRetry(new RetryPolicy(1, Duration.ZERO, Duration.ZERO)))) {
      ServerDialect dialect = new ServerDialect(client);
      assertThat(minor(dialect)).isEqualTo(10);
      assertThat(dialect.gatesOverrides()).isFalse();

      sim.stopServing();
      assertThatThrownBy(client::projects).isInstanceOf(SemaphoreException.Unreachable.class);
      sim.shape(Shape.V2_12); // upgraded while it was down
      sim.startServing();
      client.projects(); // Semaphore answers again: one outage over

      assertThat(client.recoveries()).isEqualTo(1);
      assertThat(minor(dialect)).isEqualTo(12);
      assertThat(dialect.gatesOverrides()).isTrue();
    }
  }

  @Test
  void aNewerAnswerReadBySomeoneElseIsUsedWithoutAskingAgain() {
    try (var sim = SemaphoreSimulator.start(Shape.V2_10);
        var client =
            SemaphoreClient.create(
                SemaphoreSettings.of(sim.baseUri(), new Credentials.ApiToken(sim.adminToken())))) {
      ServerDialect dialect = new ServerDialect(client);
      assertThat(minor(dialect)).isEqualTo(10);
      sim.shape(Shape.V2_12);
      client.info(); // as the app's probe does on its beat
      long asked = sim.requests().count("GET", "/api/info");

      assertThat(minor(dialect)).isEqualTo(12);
      assertThat(sim.requests().count("GET", "/api/info")).isEqualTo(asked);
    }
  }

  private static int minor(ServerDialect dialect) {
    return dialect.info().flatMap(ServerInfo::release).orElseThrow().minor();
  }
}
