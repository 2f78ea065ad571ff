package cd.chatrix.testkit.matrix;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which real homeserver the test homeserver behaves as. Each component is one difference between
 * the servers the fake can be, with a comment naming where the real server's behaviour comes from.
 * A dialect is never more lenient than the server it names: where that server does not serve a
 * path, the fake answers exactly what that server answers there.
 *
 * <p>Tests pick one with {@link TestHomeserver#start(String, Dialect)}; {@link
 * TestHomeserver#start()} takes the one named by the system property {@value #PROPERTY} (default
 * {@code current}), so a whole suite can be run again as another server.
 *
 * @param name how tests and reports call it, e.g. {@code synapse-1.67}
 * @param versions what {@code GET /_matrix/client/versions} lists
 * @param refreshVersions the version segments under which {@code POST /refresh} is served
 * @param refreshableTokenLifetime the lifetime of access tokens handed to clients that ask for a
 *     refresh token, unless a test sets its own with {@link TestHomeserver#accessTokenLifetime}
 * @param endpoints under which version segments each endpoint is served
 * @param unknownEndpoints how a path that nothing serves is answered
 * @param roomVersions the room versions {@code createRoom} accepts and the one it defaults to
 * @param filters which sync filter fields are accepted
 * @param retryAfterHeader whether a 429 {@code M_LIMIT_EXCEEDED} also carries a {@code Retry-After}
 *     header (the body always carries {@code retry_after_ms}) * @param crossSigningSetupNeedsUia
 *     whether even the first upload of cross-signing keys needs user-interactive auth (else only
 *     replacing a master key does)
 * @param transactionsPerAccessToken whether a transaction id is remembered per access token and
 *     exact path (so a retry after a token refresh is a new event), else per device
 */
public record Dialect(
    String name,
    List<String> versions,
    Set<String> refreshVersions,
    Optional<Duration> refreshableTokenLifetime,
    Endpoints endpoints,
    UnknownEndpoints unknownEndpoints,
    RoomVersions roomVersions,
    FilterSchema filters,
    boolean retryAfterHeader,
    boolean crossSigningSetupNeedsUia,
    boolean transactionsPerAccessToken) {

  /** The system property that names the default dialect of {@link TestHomeserver#start()}. */
  public static final String PROPERTY = "chatrixcd.testkit.dialect";

  /**
   * The spec as of v1.12 and later, as today's Synapse serves it (element-hq/synapse v1.157.1 is
   * cited where the spec leaves a choice).
   *
   * <ul>
   *   <li>refresh: spec "Refreshing access tokens" (v1.3+) is {@code POST /v3/refresh}; Synapse's
   *       {@code rest/client/login.py} {@code RefreshTokenServlet} uses {@code
   *       client_patterns("/refresh$")}: r0, v3 and unstable, never v1.
   *   <li>endpoints, unknown endpoints, filters, room versions: see {@link Endpoints#SPEC}, {@link
   *       UnknownEndpoints#SPEC}, {@link FilterSchema#FORWARD_COMPATIBLE}, {@link
   *       RoomVersions#CURRENT}.
   *   <li>Retry-After: spec v1.10 (MSC4041) lets servers send the header; Synapse does since v1.92
   *       ({@code api/errors.py} {@code LimitExceededError}).
   *   <li>cross-signing: spec v1.11 (MSC3967) lets the first upload of cross-signing keys skip UIA;
   *       Synapse {@code rest/client/keys.py} {@code SigningKeyUploadServlet} does since v1.86
   *       (#15077) and asks only when keys that are set up change.
   *   <li>transactions: spec v1.7 (MSC3970) scopes transaction ids to the device; Synapse does
   *       since v1.83 (#15318).
   *   <li>tokens only expire when a test says so.
   * </ul>
   */
  public static final Dialect CURRENT =
      new Dialect(
          "current",
          List.of(
              "r0.6.1", "v1.1", "v1.2", "v1.3", "v1.4", "v1.5", "v1.6", "v1.7", "v1.8", "v1.9",
              "v1.10", "v1.11", "v1.12", "v1.13"),
          Set.of("r0", "v3", "unstable"),
          Optional.empty(),
          Endpoints.SPEC,
          UnknownEndpoints.SPEC,
          RoomVersions.CURRENT,
          FilterSchema.FORWARD_COMPATIBLE,
          true,
          false,
          false);

  /**
   * Synapse 1.67.0 (element-hq/synapse tag v1.67.0).
   *
   * <ul>
   *   <li>versions: {@code synapse/rest/client/versions.py} lists r0.0.1 … r0.6.1, v1.1, v1.2
   *       (refresh tokens came with spec v1.3, so the server does not advertise them).
   *   <li>refresh: {@code synapse/rest/client/login.py} {@code RefreshTokenServlet} is registered
   *       only as {@code ^/_matrix/client/v1/refresh$}; {@code /v3/refresh} (and r0, unstable)
   *       falls through to the unrecognised-request handler: 400 M_UNRECOGNIZED (see {@link
   *       UnknownEndpoints#SYNAPSE_BEFORE_1_74}).
   *   <li>token lifetime: {@code synapse/config/registration.py} defaults {@code
   *       refreshable_access_token_lifetime} to {@code "5m"}; it only applies to logins with {@code
   *       refresh_token: true} ({@code login.py} {@code should_issue_refresh_token}); other logins
   *       get tokens that do not expire ({@code nonrefreshable_access_token_lifetime} defaults to
   *       none).
   *   <li>endpoints, filters, room versions: see {@link Endpoints#SYNAPSE_1_67}, {@link
   *       FilterSchema#SYNAPSE_1_67}, {@link RoomVersions#SYNAPSE_1_67}.
   *   <li>Retry-After: {@code synapse/api/errors.py} {@code LimitExceededError.error_dict} puts
   *       only {@code retry_after_ms} in the body; the header came in v1.92 (#16136).
   *   <li>cross-signing: {@code synapse/rest/client/keys.py} {@code SigningKeyUploadServlet} always
   *       calls {@code validate_user_via_ui_auth}; {@code can_skip_ui_auth=True} only helps when
   *       {@code ui_auth.session_timeout} is set, and it defaults to 0 ({@code config/auth.py}), so
   *       every upload, the first included, needs UIA.
   *   <li>transactions: {@code synapse/rest/client/transactions.py} {@code _get_transaction_key} is
   *       the request path plus the access token, and {@code handlers/message.py} looks earlier
   *       sends up by {@code access_token_id}: a send retried with the same transaction id after a
   *       token refresh (or under r0 instead of v3) is a second event.
   * </ul>
   */
  public static final Dialect SYNAPSE_1_67 =
      new Dialect(
          "synapse-1.67",
          List.of(
              "r0.0.1", "r0.1.0", "r0.2.0", "r0.3.0", "r0.4.0", "r0.5.0", "r0.6.0", "r0.6.1",
              "v1.1", "v1.2"),
          Set.of("v1"),
          Optional.of(Duration.ofMinutes(5)),
          Endpoints.SYNAPSE_1_67,
          UnknownEndpoints.SYNAPSE_BEFORE_1_74,
          RoomVersions.SYNAPSE_1_67,
          FilterSchema.SYNAPSE_1_67,
          false,
          true,
          true);

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
   * Whether the route {@code template} (e.g. {@code client/rooms/{roomId}/relations/{eventId}}) is
   * served under {@code version}; paths without a version segment are always served.
   */
  boolean serves(String template, Optional<String> version) {
    if (version.isEmpty()) {
      return true;
    }
    if (template.equals("client/refresh")) {
      return refreshVersions.contains(version.get());
    }
    return endpoints.versionsOf(template).contains(version.get());
  }

  /**
   * What this server answers for a path it does not serve ({@code wrongMethod}: only the method).
   */
  Refusal unrecognized(String rawPath, boolean wrongMethod) {
    return unknownEndpoints.answer(rawPath, wrongMethod, name);
  }

  /**
   * A 429 M_LIMIT_EXCEEDED asking to wait {@code retryAfterMs}: {@code retry_after_ms} in the body
   * (Synapse {@code api/errors.py} {@code LimitExceededError}, message "Too Many Requests"), and
   * the {@code Retry-After} header in seconds where {@link #retryAfterHeader}.
   */
  Reply limitExceeded(long retryAfterMs) {
    Reply reply =
        new MatrixError(429, "M_LIMIT_EXCEEDED", "Too Many Requests")
            .with("retry_after_ms", retryAfterMs)
            .toReply();
    return retryAfterHeader
        ? reply.withHeader("Retry-After", Long.toString((retryAfterMs + 999) / 1000))
        : reply;
  }

  @Override
  public String toString() {
    return name;
  }

  /**
   * Under which API version segments each endpoint is served: client endpoints under {@code
   * client}, media endpoints (under {@code /_matrix/media}) under {@code media}, except the routes
   * listed in {@code routes}. An empty set means the endpoint does not exist.
   */
  public record Endpoints(Set<String> client, Set<String> media, Map<String, Set<String>> routes) {

    private static final Set<String> NONE = Set.of();
    private static final Set<String> V1 = Set.of("v1");
    private static final Set<String> V1_UNSTABLE = Set.of("v1", "unstable");
    private static final Set<String> V3_UNSTABLE = Set.of("v3", "unstable");
    private static final Set<String> R0_V3 = Set.of("r0", "v3");
    private static final List<String> AUTHENTICATED_MEDIA =
        List.of(
            "client/media/config",
            "client/media/download/{serverName}/{mediaId}",
            "client/media/download/{serverName}/{mediaId}/{fileName}",
            "client/media/thumbnail/{serverName}/{mediaId}");
    private static final String RELATIONS = "client/rooms/{roomId}/relations/{eventId}";

    /**
     * The spec (v1.12+) as Synapse v1.157.1 serves it: {@code rest/client/_base.py} {@code
     * client_patterns} defaults to r0, v3 and unstable; relations ({@code relations.py}
     * releases=("v1",)), threads ({@code relations.py} {@code ^/_matrix/client/v1/rooms/.../
     * threads}), authenticated media ({@code media.py}, spec v1.11) and {@code auth_metadata}
     * ({@code auth_metadata.py}, spec v1.15, also unstable MSC2965) are v1 only; {@code
     * keys/device_signing/upload} is v3 and unstable ({@code keys.py} releases=("v3",)); {@code
     * login/sso/redirect/{idpId}} is r0 and v3 ({@code login.py}); media lives under {@code
     * /_matrix/media/r0|v3|v1} ({@code app/homeserver.py}).
     */
    public static final Endpoints SPEC =
        new Endpoints(
            Set.of("r0", "v3", "unstable"),
            Set.of("r0", "v3", "v1"),
            routes(V1_UNSTABLE, V1, V1, Set.of("v1"), Set.of("unstable")));

    /**
     * Synapse 1.67.0: {@code rest/client/_base.py} {@code client_patterns} defaults to r0, v3 and
     * unstable; {@code rest/client/relations.py} registers relations with releases=("v1",) (and
     * unstable) and has no threads servlet (it came in 1.70); there is no authenticated media
     * ({@code app/homeserver.py} mounts the media repository only under {@code
     * /_matrix/media/r0|v3|v1}, and {@code rest/client/media.py} came in 1.109) and no {@code
     * auth_metadata} (no {@code auth_issuer.py}, added in 1.99, nor {@code auth_metadata.py});
     * {@code keys.py} serves {@code keys/device_signing/upload} with releases=("v3",); {@code
     * login.py} {@code SsoRedirectServlet} serves {@code login/sso/redirect/{idpId}} under {@code
     * (r0|v3)} only.
     */
    public static final Endpoints SYNAPSE_1_67 =
        new Endpoints(
            Set.of("r0", "v3", "unstable"),
            Set.of("r0", "v3", "v1"),
            routes(V1_UNSTABLE, NONE, NONE, NONE, NONE));

    public Endpoints {
      client = Set.copyOf(client);
      media = Set.copyOf(media);
      routes = Map.copyOf(routes);
    }

    private static Map<String, Set<String>> routes(
        Set<String> relations,
        Set<String> threads,
        Set<String> authenticatedMedia,
        Set<String> authMetadata,
        Set<String> unstableAuthMetadata) {
      Map<String, Set<String>> out = new LinkedHashMap<>();
      out.put(RELATIONS, relations);
      out.put(RELATIONS + "/{relType}", relations);
      out.put(RELATIONS + "/{relType}/{eventType}", relations);
      out.put("client/rooms/{roomId}/threads", threads);
      AUTHENTICATED_MEDIA.forEach(route -> out.put(route, authenticatedMedia));
      out.put("client/auth_metadata", authMetadata);
      out.put("client/org.matrix.msc2965/auth_metadata", unstableAuthMetadata);
      out.put("client/keys/device_signing/upload", V3_UNSTABLE);
      out.put("client/login/sso/redirect/{idpId}", R0_V3);
      return out;
    }

    /** The version segments {@code template} is served under. */
    Set<String> versionsOf(String template) {
      Set<String> own = routes.get(template);
      if (own != null) {
        return own;
      }
      return template.startsWith("media/") ? media : client;
    }
  }

  /** How a server answers a path (or a method on a path) it does not serve. */
  public enum UnknownEndpoints {
    /**
     * Spec v1.x "API standards", unknown endpoints: 404 M_UNRECOGNIZED, or 405 M_UNRECOGNIZED when
     * the path is known but not the method (Synapse: 404 since v1.74, #14621; 405 since v1.78,
     * #14605).
     */
    SPEC,
    /**
     * Synapse before v1.74 ({@code synapse/http/server.py} at v1.67.0): under {@code
     * /_matrix/client} the {@code JsonResource} is a leaf and {@code _unrecognised_request_handler}
     * raises {@code UnrecognizedRequestError}, which {@code api/errors.py} makes a 400 {@code
     * {"errcode":"M_UNRECOGNIZED","error":"Unrecognized request"}}, for unknown paths and known
     * paths with another method alike. Under {@code /_matrix/media} an unknown child is Twisted's
     * {@code NoResource}: 404 with an HTML page; a known one with another method is the same 400.
     */
    SYNAPSE_BEFORE_1_74;

    Refusal answer(String rawPath, boolean wrongMethod, String dialect) {
      if (this == SPEC) {
        return Refusal.of(
            new MatrixError(
                wrongMethod ? 405 : 404,
                "M_UNRECOGNIZED",
                "The test homeserver (" + dialect + ") does not serve this."));
      }
      if (rawPath.startsWith("/_matrix/media/") && !wrongMethod) {
        String page =
            "<html><head><title>404 - No Such Resource</title></head><body><h1>No Such"
                + " Resource</h1><p>No such child resource.</p></body></html>";
        return new Refusal(
            new Reply(404, "text/html", page.getBytes(StandardCharsets.UTF_8), Map.of()));
      }
      return Refusal.of(new MatrixError(400, "M_UNRECOGNIZED", "Unrecognized request"));
    }
  }

  /**
   * The room versions a server can create and the one it uses when {@code createRoom} names none.
   * Other versions get 400 {@code M_UNSUPPORTED_ROOM_VERSION}.
   */
  public record RoomVersions(String defaultVersion, Map<String, String> available) {
    /**
     * Synapse 1.67.0: {@code config/server.py} {@code DEFAULT_ROOM_VERSION = "9"}; {@code
     * api/room_versions.py} {@code KNOWN_ROOM_VERSIONS}: 1 to 10 stable and the unstable
     * org.matrix.msc2176, org.matrix.msc3787, org.matrix.msc2716v4; {@code handlers/room.py}
     * refuses others with 400 M_UNSUPPORTED_ROOM_VERSION.
     */
    public static final RoomVersions SYNAPSE_1_67 =
        new RoomVersions(
            "9", versions(10, "org.matrix.msc2176", "org.matrix.msc3787", "org.matrix.msc2716v4"));

    /** Spec v1.12: room versions 1 to 11 are stable; servers default to 10. */
    public static final RoomVersions CURRENT = new RoomVersions("10", versions(11));

    public RoomVersions {
      available = Map.copyOf(available);
    }

    private static Map<String, String> versions(int stableUpTo, String... unstable) {
      Map<String, String> out = new LinkedHashMap<>();
      for (int v = 1; v <= stableUpTo; v++) {
        out.put(Integer.toString(v), "stable");
      }
      for (String u : unstable) {
        out.put(u, "unstable");
      }
      return out;
    }

    /** The version a new room gets, or the refusal of a version this server does not have. */
    String forNewRoom(String requested) {
      if (requested.isEmpty()) {
        return defaultVersion;
      }
      if (!available.containsKey(requested)) {
        throw MatrixError.badRequest(
            "M_UNSUPPORTED_ROOM_VERSION", "Your homeserver does not support this room version");
      }
      return requested;
    }
  }
}
