package cd.chatrix.matrix.auth;

import cd.chatrix.matrix.http.HttpResult;
import cd.chatrix.matrix.http.HttpTransport;
import cd.chatrix.matrix.http.MatrixRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spec versions a homeserver advertises at {@code GET /_matrix/client/versions}, read once and
 * kept until {@link #forget} (after the server was unreachable it may come back upgraded). One
 * instance per client. A server that does not answer is treated as advertising nothing: callers
 * then try the current endpoint first and fall back.
 */
public final class ServerVersions {
  private static final Logger LOG = LoggerFactory.getLogger(ServerVersions.class);

  private final HttpTransport homeserver;
  private final AtomicReference<Optional<List<String>>> known =
      new AtomicReference<>(Optional.empty());

  /**
   * @param homeserver an unauthenticated transport to the homeserver
   */
  public ServerVersions(HttpTransport homeserver) {
    this.homeserver = homeserver;
  }

  /** The advertised versions, asking the server if they are not known (empty if it won't say). */
  public List<String> versions() {
    Optional<List<String>> cached = known.get();
    if (cached.isPresent()) {
      return cached.get();
    }
    Optional<List<String>> read = read();
    read.ifPresent(v -> known.set(Optional.of(v)));
    return read.orElse(List.of());
  }

  /** Whether the server advertises spec version {@code v1.minor} or a later one. */
  public boolean atLeast(int minor) {
    return versions().stream().anyMatch(v -> minorOf(v).filter(m -> m >= minor).isPresent());
  }

  /** Reads the versions again on next use. */
  public void forget() {
    known.set(Optional.empty());
  }

  private Optional<List<String>> read() {
    MatrixRequest request = MatrixRequest.get("/_matrix/client/versions").unauthenticated();
    try {
      HttpResult result = homeserver.exchange(request);
      if (!result.ok()) {
        LOG.debug("{} answered HTTP {}", request, result.status());
        return Optional.empty();
      }
      List<String> versions = new ArrayList<>();
      result.json().path("versions").forEach(v -> versions.add(v.asString()));
      return versions.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(versions));
    } catch (RuntimeException e) {
      // Unreachable or not JSON: nothing is cached, so the next use asks again.
      LOG.debug("{} failed: {}", request, e.toString());
      return Optional.empty();
    }
  }

  /** {@code v1.12} gives 12; {@code r0.6.1} and unknown shapes give nothing. */
  static Optional<Integer> minorOf(String version) {
    if (!version.startsWith("v1.")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(version.substring(3)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
