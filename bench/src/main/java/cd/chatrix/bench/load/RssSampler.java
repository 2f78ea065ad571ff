package cd.chatrix.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a process's resident set size from {@code /proc/<pid>/status} every 200 ms in the
 * background and keeps the largest value seen; the kernel's own high-water mark ({@code VmHWM}) is
 * read at the end as a cross-check, since a short spike between two samples would be missed.
 */
final class RssSampler implements AutoCloseable {
  private static final long PERIOD_MS = 200;

  private final long pid;
  private final AtomicLong peakKb = new AtomicLong();
  private final AtomicLong samples = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  private RssSampler(long pid) {
    this.pid = pid;
    this.thread = Thread.ofPlatform().daemon().name("rss-sampler").unstarted(this::loop);
  }

  static RssSampler start(long pid) {
    RssSampler sampler = new RssSampler(pid);
    sampler.thread.start();
    return sampler;
  }

  /** VmRSS of the process right now, in KiB; empty once it has gone. */
  static OptionalLong rssKb(long pid) {
    return field(pid, "VmRSS:");
  }

  /** VmHWM (peak resident size since the process started), in KiB. */
  static OptionalLong highWaterKb(long pid) {
    return field(pid, "VmHWM:");
  }

  private void loop() {
    while (running) {
      rssKb(pid)
          .ifPresent(kb -> {
            peakKb.accumulateAndGet(kb, Math::max);
            samples.incrementAndGet();
          });
      try {
        Thread.sleep(PERIOD_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  long peakKb() {
    return peakKb.get();
  }

  long samples() {
    return samples.get();
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }

  private static OptionalLong field(long pid, String name) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(name)) {
          String[] parts = line.substring(name.length()).strip().split("\\s+");
          return OptionalLong.of(Long.parseLong(parts[0]));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // The process has exited (or this is not Linux): no sample.
    }
    return OptionalLong.empty();
  }
}
