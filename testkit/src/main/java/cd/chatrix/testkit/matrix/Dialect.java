package cd.chatrix.testkit.matrix;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which real homeserver the test homeserver behaves as. Each component is one difference from the
 * spec's current version, with a comment naming where the real server's behaviour comes from. A
 * dialect is never more lenient than the server it names: if that server refuses something, so does
 * the fake.
 *
 * <p>Tests pick one with {@link TestHomeserver#start(String, Dialect)}; {@link
 * TestHomeserver#start()} takes the one named by the system property {@value #PROPERTY} (default
 * {@code current}), so a whole suite can be run again as another server.
 *
 * @param name how tests and reports call it, e.g. {@code synapse-1.67}
 * @param versions what {@code GET /_matrix/client/versions} lists
 * @param refreshVersions the version segments under which {@code POST /refresh} is served; any
 *     other answers 404 M_UNRECOGNIZED like an unknown endpoint
 * @param refreshableTokenLifetime the lifetime of access tokens handed to clients that ask for a
 *     refresh token, unless a test sets its own with {@link TestHomeserver#accessTokenLifetime}
 */
public record Dialect(
    String name,
    List<String> versions,
    Set<String> refreshVersions,
    Optional<Duration> refreshableTokenLifetime) {

  /** The system property that names the default dialect of {@link TestHomeserver#start()}. */
  public static final String PROPERTY = "chatrixcd.testkit.dialect";

  /**
   * The spec as of v1.12 and later: every endpoint under {@code v3} (refresh since v1.3, spec
   * "Refreshing access tokens"), tokens only expire when a test says so.
   */
  public static final Dialect CURRENT =
      new Dialect(
          "current",
          List.of(
              "r0.6.1", "v1.1", "v1.2", "v1.3", "v1.4", "v1.5", "v1.6", "v1.7", "v1.8", "v1.9",
              "v1.10", "v1.11", "v1.12", "v1.13"),
          Set.of("v3", "v1"),
          Optional.empty());

  /**
   * Synapse 1.67.0 (element-hq/synapse tag v1.67.0).
   *
   * <ul>
   *   <li>versions: {@code synapse/rest/client/versions.py} lists r0.0.1 … r0.6.1, v1.1, v1.2
   *       (refresh tokens came with spec v1.3, so the server does not advertise them).
   *   <li>refresh: {@code synapse/rest/client/login.py} {@code RefreshTokenServlet} is registered
   *       only as {@code ^/_matrix/client/v1/refresh$}; {@code /v3/refresh} falls through to the
   *       unrecognised-request handler (404 M_UNRECOGNIZED).
   *   <li>token lifetime: {@code synapse/config/registration.py} defaults {@code
   *       refreshable_access_token_lifetime} to 5 minutes for logins with {@code refresh_token:
   *       true}; logins without it get tokens that do not expire.
   * </ul>
   */
  public static final Dialect SYNAPSE_1_67 =
      new Dialect(
          "synapse-1.67",
          List.of(
              "r0.0.1", "r0.1.0", "r0.2.0", "r0.3.0", "r0.4.0", "r0.5.0", "r0.6.0", "r0.6.1",
              "v1.1", "v1.2"),
          Set.of("v1"),
          Optional.of(Duration.ofMinutes(5)));

  public Dialect {
    versions = List.copyOf(versions);
    refreshVersions = Set.copyOf(refreshVersions);
  }

  /** Every dialect the fake knows. */
  public static List<Dialect> all() {
    return List.of(CURRENT, SYNAPSE_1_67);
  }

  /** The dialect called {@code name} (case-insensitive). */
  public static Dialect named(String name) {
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    return all().stream()
        .filter(d -> d.name.equals(wanted))
        .findFirst()
        .orElseThrow(() ->
            new IllegalArgumentException(
                "unknown homeserver dialect '"
                    + name
                    + "'; known: "
                    + all().stream().map(Dialect::name).toList()));
  }

  /** The dialect named by {@value #PROPERTY}, or {@link #CURRENT}. */
  public static Dialect fromSystemProperty() {
    String value = System.getProperty(PROPERTY, "");
    return value.isBlank() ? CURRENT : named(value);
  }

  /**
   * The refusal this server gives a request before routing it, if any: endpoints that the named
   * server does not serve under the version segment used.
   */
  Optional<MatrixError> refuses(String method, String rawPath) {
    String[] raw = rawPath.split("/", -1);
    // /_matrix/client/<version>/refresh
    if (raw.length == 5
        && raw[1].equals("_matrix")
        && raw[2].equals("client")
        && raw[4].equals("refresh")
        && !refreshVersions.contains(raw[3])) {
      return Optional.of(
          new MatrixError(404, "M_UNRECOGNIZED", "Unrecognized request (" + name + ")"));
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return name;
  }
}
