package cd.chatrix.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every person at once, each on a virtual thread, sends its commands back to back (without waiting
 * for answers), cycling through a mix of cheap read commands so that each room gets all of them.
 *
 * <p>Sends in flight are capped: the test homeserver's HTTP server accepts connections with the
 * JDK's default backlog (50), and a thousand simultaneous connects would overflow it and add the
 * kernel's one-second SYN retry to some commands — a bench artefact, not bot time. The clock of a
 * command starts when its request actually goes out.
 */
final class LoadFirer {
  private final BenchMatrixClient client;
  private final List<String> mix;
  private final int commandsPerUser;
  private final Semaphore inFlight;
  private final Queue<SentCommand> sent = new ConcurrentLinkedQueue<>();
  private final AtomicLong failures = new AtomicLong();
  private final Queue<String> failureSamples = new ConcurrentLinkedQueue<>();

  LoadFirer(BenchMatrixClient client, List<String> mix, int commandsPerUser, int maxInFlight) {
    this.client = client;
    this.mix = List.copyOf(mix);
    this.commandsPerUser = commandsPerUser;
    this.inFlight = new Semaphore(maxInFlight);
  }

  /** The read commands the bench knows how to send. */
  static final List<String> ALL_WORDS =
      List.of("ping", "help", "status", "projects", "templates", "info");

  /** The commands to send, as typed in chat; {@code templates} asks for the bench's project. */
  static List<String> readMix(String prefix, List<String> words, int projectId) {
    return words.stream()
        .map(w -> prefix + " " + w + (w.equals("templates") ? " " + projectId : ""))
        .toList();
  }

  /** Fires everything and returns once every send has been answered by the homeserver. */
  void fire(List<LoadWorld.LoadRoom> rooms) throws InterruptedException {
    CountDownLatch go = new CountDownLatch(1);
    try (ExecutorService people = Executors.newVirtualThreadPerTaskExecutor()) {
      int personIndex = 0;
      for (LoadWorld.LoadRoom room : rooms) {
        for (Session person : room.members()) {
          int offset = personIndex++;
          people.submit(() -> sendAll(go, person, room.roomId(), offset));
        }
      }
      go.countDown();
    }
  }

  private void sendAll(CountDownLatch go, Session person, String roomId, int offset) {
    try {
      go.await();
      for (int k = 0; k < commandsPerUser; k++) {
        String text = mix.get((offset + k) % mix.size());
        sendOne(person, roomId, text);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void sendOne(Session person, String roomId, String text) throws InterruptedException {
    inFlight.acquire();
    try {
      long start = System.nanoTime();
      String eventId = client.sendText(person, roomId, text);
      sent.add(new SentCommand(eventId, text.split(" ")[1], start));
    } catch (RuntimeException e) {
      failures.incrementAndGet();
      if (failureSamples.size() < 5) {
        failureSamples.add(e.getMessage());
      }
    } finally {
      inFlight.release();
    }
  }

  List<SentCommand> sent() {
    return new ArrayList<>(sent);
  }

  long failures() {
    return failures.get();
  }

  List<String> failureSamples() {
    return new ArrayList<>(failureSamples);
  }
}
