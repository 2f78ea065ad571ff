package cd.chatrix.app.faults;

import static cd.chatrix.app.boot.demo.RoomEvents.body;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.testkit.semaphore.Shape;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Semaphore restarts, and is upgraded, while the bot watches runs: each run still ends in the room
 * exactly once, the push channel comes back by itself, and the bot learns the new version.
 */
class SemaphoreRestartTest {
  private static final Duration DOWN = Duration.ofSeconds(3);
  private SemaphoreFaultRig rig;

  @AfterEach
  void stop() {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void runsWatchedAcrossARestartEndOnceEach() {
    rig = SemaphoreFaultRig.start(config -> {});
    int first = rig.startRun(rig.longJob);
    int second = rig.startRun(rig.longJob);
    awaitPushConnected();

    Instant down = Instant.now();
    rig.sim.stopServing();
    // One run ends "while" the server is down: its runner reports once the server is back.
    rig.sim.release(first);
    String duringOutage = rig.say("!cd status " + second);
    sleep(DOWN);
    rig.sim.startServing();
    rig.sim.release(second);

    rig.awaitAnnouncement(first);
    rig.awaitAnnouncement(second);
    awaitPushConnected();
    settle();
    assertThat(rig.announcements(first)).isEqualTo(1);
    assertThat(rig.announcements(second)).isEqualTo(1);
    assertThat(rig.answersTo(duringOutage)).as("the command sent while it was down").isEqualTo(1);
    assertThat(body(rig.replyTo(rig.say("!cd ping")))).isNotBlank();
    assertOneOutage(down);
  }

  @Test
  void anUpgradeFrom210To212MidRunEndsEachRunOnceAndTheNewVersionIsKnown() {
    rig = SemaphoreFaultRig.start(sim -> sim.shape(Shape.V2_10), config -> {});
    assertThat(body(rig.replyTo(rig.say("!cd ping")))).contains("2.10");
    int first = rig.startRun(rig.longJob);
    int second = rig.startRun(rig.longJob);
    awaitPushConnected();

    Instant down = Instant.now();
    rig.sim.stopServing();
    sleep(Duration.ofSeconds(1));
    rig.sim.shape(Shape.V2_12);
    rig.sim.startServing();
    rig.sim.release(first);
    rig.sim.release(second);

    rig.awaitAnnouncement(first);
    rig.awaitAnnouncement(second);
    awaitPushConnected();
    settle();
    assertThat(rig.announcements(first)).isEqualTo(1);
    assertThat(rig.announcements(second)).isEqualTo(1);
    assertThat(body(rig.replyTo(rig.say("!cd ping")))).contains("2.12");
    // A run started after the upgrade is followed in the new shape to its one announcement.
    int third = rig.startRun(rig.sandbox.templates().deploy());
    rig.awaitAnnouncement(third);
    settle();
    assertThat(rig.announcements(third)).isEqualTo(1);
    assertOneOutage(down);
  }

  /**
   * The REST side and the push side each say once that Semaphore went away, and once it is back.
   */
  private void assertOneOutage(Instant since) {
    List<String> warnings =
        rig.problems(since).stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(warnings)
        .isNotEmpty()
        .hasSizeLessThanOrEqualTo(2)
        .allSatisfy(w -> assertThat(w).contains(rig.sim.baseUri().toString()));
    Awaitility.await("the log says Semaphore is back")
        .atMost(SemaphoreFaultRig.ANSWER)
        .until(() -> rig.recoveries(since).size() == warnings.size());
  }

  private void awaitPushConnected() {
    Awaitility.await("the bot listens on /api/ws")
        .atMost(SemaphoreFaultRig.ANSWER)
        .until(() -> rig.sim.websocketCount() > 0);
  }

  private static void settle() {
    sleep(Duration.ofMillis(1500));
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
