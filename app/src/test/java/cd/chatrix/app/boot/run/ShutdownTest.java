package cd.chatrix.app.boot.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ShutdownTest {
  private final List<String> closed = new CopyOnWriteArrayList<>();

  @Test
  void closesPartsNewestFirst() {
    Shutdown shutdown = new Shutdown(Duration.ofSeconds(2));
    shutdown.register("store", () -> closed.add("store"));
    shutdown.register("sync", () -> closed.add("sync"));
    shutdown.register("greeting", () -> closed.add("greeting"));
    shutdown.stopAll();
    assertThat(closed).containsExactly("greeting", "sync", "store");
  }

  @Test
  void aHungPartDoesNotBlockTheOthers() {
    Shutdown shutdown = new Shutdown(Duration.ofMillis(200));
    CountDownLatch never = new CountDownLatch(1);
    shutdown.register("store", () -> closed.add("store"));
    shutdown.register("stuck", never::await);
    shutdown.stopAll();
    assertThat(closed).containsExactly("store");
  }

  @Test
  void aFailingPartDoesNotBlockTheOthers() {
    Shutdown shutdown = new Shutdown(Duration.ofSeconds(1));
    shutdown.register("store", () -> closed.add("store"));
    shutdown.register(
        "broken",
        () -> {
          throw new IllegalStateException("boom");
        });
    shutdown.stopAll();
    assertThat(closed).containsExactly("store");
  }

  @Test
  void stoppingTwiceClosesOnce() {
    Shutdown shutdown = new Shutdown(Duration.ofSeconds(1));
    shutdown.register("store", () -> closed.add("store"));
    shutdown.stopAll();
    shutdown.stopAll();
    assertThat(closed).containsExactly("store");
  }

  @Test
  void aStopRequestReleasesTheWaiter() throws InterruptedException {
    Shutdown shutdown = new Shutdown(Duration.ofSeconds(1));
    Thread waiter =
        Thread.ofVirtual()
            .start(() -> {
              try {
                shutdown.awaitStopRequest();
                closed.add("released");
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    shutdown.requestStop();
    waiter.join(Duration.ofSeconds(5));
    assertThat(closed).containsExactly("released");
  }
}
