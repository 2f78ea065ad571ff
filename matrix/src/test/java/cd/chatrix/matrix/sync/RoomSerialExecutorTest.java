package cd.chatrix.matrix.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RoomSerialExecutorTest {
  @Test
  void keepsOrderWithinARoomAndNeverOverlaps() {
    Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
    AtomicInteger overlapping = new AtomicInteger();
    Map<String, AtomicInteger> active = new ConcurrentHashMap<>();
    try (var executor = new RoomSerialExecutor()) {
      for (int i = 0; i < 200; i++) {
        for (String room : List.of("!a", "!b", "!c")) {
          int n = i;
          executor.submit(
              room,
              () -> {
                if (active.computeIfAbsent(room, r -> new AtomicInteger()).incrementAndGet() > 1) {
                  overlapping.incrementAndGet();
                }
                seen.computeIfAbsent(room, r -> new CopyOnWriteArrayList<>()).add(n);
                active.get(room).decrementAndGet();
              });
        }
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> executor.pending() == 0);
    }
    assertThat(overlapping).hasValue(0);
    for (String room : List.of("!a", "!b", "!c")) {
      assertThat(seen.get(room)).hasSize(200).isSorted();
    }
  }

  @Test
  void aSlowRoomDoesNotHoldUpOthers() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch otherDone = new CountDownLatch(1);
    try (var executor = new RoomSerialExecutor()) {
      executor.submit(
          "!slow",
          () -> {
            try {
              release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      executor.submit("!fast", otherDone::countDown);
      assertThat(otherDone.await(10, TimeUnit.SECONDS)).isTrue();
      release.countDown();
    }
  }

  @Test
  void aClaimedLaneRunsOnTheCallerInOrderWithWhatCameMeanwhile() {
    List<String> ran = new CopyOnWriteArrayList<>();
    List<Thread> on = new CopyOnWriteArrayList<>();
    try (var executor = new RoomSerialExecutor()) {
      Runnable first =
          () -> {
            ran.add("first");
            on.add(Thread.currentThread());
          };
      var claimed = executor.submitClaiming("!r", first);
      assertThat(claimed).isPresent();
      executor.submit("!r", () -> ran.add("second"));
      // The lane is taken: a later task queues behind instead of claiming it again.
      assertThat(executor.submitClaiming("!r", () -> ran.add("third"))).isEmpty();
      assertThat(ran).isEmpty();

      executor.runHere(claimed.get());

      assertThat(ran).containsExactly("first", "second", "third");
      assertThat(on).containsExactly(Thread.currentThread());
      assertThat(executor.pending()).isZero();
    }
  }

  @Test
  void closingWaitsForACallerWorkingALaneThenInterruptsIt() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    var executor = new RoomSerialExecutor();
    var claimed =
        executor.submitClaiming(
            "!r",
            () -> {
              started.countDown();
              try {
                Thread.sleep(Duration.ofSeconds(30));
              } catch (InterruptedException e) {
                interrupted.countDown();
              }
            });
    Thread caller = Thread.ofVirtual().start(() -> executor.runHere(claimed.orElseThrow()));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    executor.closeWithin(Duration.ofMillis(100));

    assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(caller.join(Duration.ofSeconds(10))).isTrue();
  }

  @Test
  void closingDropsQueuedTasks() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    AtomicInteger ran = new AtomicInteger();
    var executor = new RoomSerialExecutor();
    executor.submit(
        "!r",
        () -> {
          started.countDown();
          try {
            Thread.sleep(Duration.ofSeconds(30));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    executor.submit("!r", ran::incrementAndGet);
    started.await(10, TimeUnit.SECONDS);
    executor.closeWithin(Duration.ofMillis(50));
    assertThat(ran).hasValue(0);
  }
}
