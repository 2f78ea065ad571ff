package cd.chatrix.semaphore.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /api/info}. {@code version} is "ver-commit-date" since 2.9.91 and plain before; {@code
 * webHost} and {@code useRemoteRunner} exist since 2.10.26.
 */
public record ServerInfo(
    String version, String ansible, Optional<String> webHost, Optional<Boolean> useRemoteRunner) {

  private static final Pattern SEMVER = Pattern.compile("^v?(\\d+)\\.(\\d+)\\.(\\d+)");

  /** The numeric release, e.g. (2, 10, 32), or empty for dev builds ("undefined-00000000-"). */
  public Optional<Release> release() {
    Matcher m = SEMVER.matcher(version);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(
        new Release(
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3))));
  }

  /** A Semaphore release number. */
  public record Release(int major, int minor, int patch) implements Comparable<Release> {
    @Override
    public int compareTo(Release o) {
      int c = Integer.compare(major, o.major);
      if (c == 0) {
        c = Integer.compare(minor, o.minor);
      }
      return c == 0 ? Integer.compare(patch, o.patch) : c;
    }

    public boolean atLeast(int major, int minor) {
      return compareTo(new Release(major, minor, 0)) >= 0;
    }
  }
}
