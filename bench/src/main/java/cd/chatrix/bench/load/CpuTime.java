package cd.chatrix.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** User + system CPU time of a process, from {@code /proc/<pid>/stat}. */
final class CpuTime {
  /** USER_HZ; 100 on every Linux the bench is meant for. */
  private static final double TICK_MS = 10.0;

  private CpuTime() {}

  /** Milliseconds of CPU the process has used so far; NaN once it has gone. */
  static double ofProcess(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name (field 2) may hold spaces; the fields after its ')' are plain.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long utime = Long.parseLong(fields[11]);
      long stime = Long.parseLong(fields[12]);
      return (utime + stime) * TICK_MS;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }
}
