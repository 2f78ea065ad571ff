package cd.chatrix.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Linux /proc readings: a process's resident memory, and the machine's load average. */
final class ProcStats {
  /** USER_HZ: 100 on every Linux architecture the JDK ships for. */
  private static final int CLOCK_TICKS_PER_SECOND = 100;

  private ProcStats() {}

  /** VmRSS of the process in KiB, empty when it is gone. */
  static OptionalLong rssKb(long pid) {
    return statusField(pid, "VmRSS:");
  }

  /** VmHWM (peak resident set) in KiB, empty when the process is gone. */
  static OptionalLong peakRssKb(long pid) {
    return statusField(pid, "VmHWM:");
  }

  private static OptionalLong statusField(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(field)) {
          return OptionalLong.of(
              Long.parseLong(line.substring(field.length()).replace("kB", "").strip()));
        }
      }
    } catch (IOException e) {
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }

  /**
   * CPU time the process has used so far (user + system), in milliseconds, or -1 when it is gone.
   * Less sensitive to other work on the machine than wall-clock time.
   */
  static double cpuMillis(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name (which may contain spaces) start at "state", field 3.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return ticks * 1000.0 / CLOCK_TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The 1-minute load average, or -1 when /proc/loadavg cannot be read. */
  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
