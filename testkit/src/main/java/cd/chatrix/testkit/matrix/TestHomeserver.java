package cd.chatrix.testkit.matrix;

import cd.chatrix.testkit.oidc.TestOidcIssuer;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * An in-process Matrix homeserver speaking the client-server API (v1.x) over real HTTP on 127.0.0.1
 * with an ephemeral port. It keeps everything in memory, speaks as the real server its {@link
 * Dialect} names (which endpoints exist under {@code r0}/{@code v3}/{@code v1}, error shapes,
 * filters, room versions, token lifetimes), and offers hooks tests need: registered users that act
 * as people ({@link TestUser}), fault injection ({@link #faults()}), a request log ({@link
 * #requests()}), SSO login tokens, expiring access tokens and trust in an OAuth issuer.
 *
 * <p>Start one per test class (or per test) and close it: {@code try (var hs =
 * TestHomeserver.start()) { ... }}.
 */
public final class TestHomeserver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TestHomeserver.class);
  private final ServerState state;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Dispatcher dispatcher;
  private final List<TestOidcIssuer> issuers = new CopyOnWriteArrayList<>();
  private final List<TestUser> users = Collections.synchronizedList(new ArrayList<>());
  private final URI baseUri;

  private TestHomeserver(String serverName, Dialect dialect) throws IOException {
    this.state = new ServerState(serverName, dialect);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    this.baseUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    Router router = new Router(dialect);
    new DiscoveryEndpoints(state, baseUri, this::issuerMetadata).register(router);
    new LoginEndpoints(state).register(router);
    new SyncEndpoints(state).register(router);
    new RoomEndpoints(state).register(router);
    new StateEndpoints(state).register(router);
    new EventEndpoints(state).register(router);
    new RelationEndpoints(state).register(router);
    new KeysEndpoints(state).register(router);
    new KeyBackupEndpoints(state).register(router);
    new DeviceEndpoints(state).register(router);
    new ProfileEndpoints(state).register(router);
    new MediaEndpoints(state).register(router);
    this.dispatcher =
        new Dispatcher(
            state, router, new Faults(state.accounts, state.syncPause), new RequestLog());
    server.setExecutor(executor);
    server.createContext("/", dispatcher::handle);
    server.start();
    // Says which real server a suite ran against, so a report shows a dialect run really was one.
    LOG.info("Test homeserver {} on {} speaks as {}", serverName, baseUri, dialect);
  }

  /**
   * Starts a homeserver named {@code localhost}, speaking the dialect named by the system property
   * {@value Dialect#PROPERTY} (default {@code current}).
   */
  public static TestHomeserver start() {
    return start("localhost");
  }

  /** Starts a homeserver with the given server name (the part after the colon in ids). */
  public static TestHomeserver start(String serverName) {
    return start(serverName, Dialect.fromSystemProperty());
  }

  /** Starts a homeserver with the given server name that behaves as {@code dialect}. */
  public static TestHomeserver start(String serverName, Dialect dialect) {
    try {
      return new TestHomeserver(serverName, dialect);
    } catch (IOException e) {
      throw new UncheckedIOException("could not bind the test homeserver to 127.0.0.1", e);
    }
  }

  /** Where clients reach the server, e.g. {@code http://127.0.0.1:41234}. */
  public URI baseUri() {
    return baseUri;
  }

  public String serverName() {
    return state.serverName;
  }

  /** The real server this one behaves as. */
  public Dialect dialect() {
    return state.dialect;
  }

  /**
   * Registers a user with a password and logs it in on a fresh device.
   *
   * @throws IllegalArgumentException when the name is taken or not a valid localpart
   */
  public TestUser registerUser(String localpart, String password) {
    String userId;
    try {
      userId = state.locked(() -> state.accounts.register(localpart, password).userId);
    } catch (MatrixError e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return loginUser(userId, password);
  }

  /** Logs an existing user in over HTTP (password login) on a new device. */
  public TestUser loginUser(String userIdOrLocalpart, String password) {
    TestUser user = TestUser.login(this, userIdOrLocalpart, password);
    users.add(user);
    return user;
  }

  /** Fault injection for this server. */
  public Faults faults() {
    return dispatcher.faults();
  }

  /** Every request received so far, oldest first (secrets masked). */
  public List<RecordedRequest> requests() {
    return dispatcher.log().snapshot();
  }

  public void clearRequests() {
    dispatcher.log().clear();
  }

  /**
   * Lets {@code time} pass for the transaction ids the server remembers, as a long outage would: a
   * retry after 30 minutes (to-device) or 24 hours (room events) is a new request, as on Synapse.
   * Nothing else moves.
   */
  public void letTransactionsAge(Duration time) {
    state.locked(() -> state.txns.pass(time));
  }

  /** Largest accepted event in bytes (default 65536); bigger sends get 413 M_TOO_LARGE. */
  public void setMaxEventSize(int bytes) {
    state.maxEventSize(bytes);
  }

  /**
   * Lifetime of access tokens handed to clients that ask for a refresh token ({@code refresh_token:
   * true} at login). Clients that do not ask keep non-expiring tokens, as the spec requires.
   */
  public void accessTokenLifetime(Duration lifetime) {
    state.locked(() -> state.accounts.tokenLifetime(Optional.of(lifetime)));
  }

  /**
   * Synapse's {@code session_lifetime}: sessions logged in from now on end {@code lifetime} after
   * their login, refreshable or not; then only a new login helps (see {@code Accounts}).
   */
  public void sessionLifetime(Duration lifetime) {
    state.locked(() -> state.accounts.sessionLifetime(Optional.of(lifetime)));
  }

  /**
   * A single-use {@code m.login.token} for the user, as an SSO redirect would carry (2 minutes).
   */
  public String issueLoginToken(String userId) {
    return state.locked(() -> {
      if (state.accounts.user(userId).isEmpty()) {
        throw new IllegalArgumentException(userId + " is not registered on this server");
      }
      return state.accounts.issueLoginToken(userId, Duration.ofMinutes(2));
    });
  }

  /**
   * Offers the legacy SSO login ({@code m.login.sso} with one identity provider, id {@code
   * test-idp}); {@code /login/sso/redirect} approves at once as {@code userId} and redirects to the
   * client's {@code redirectUrl} with a {@code loginToken}.
   */
  public void enableSso(String userId) {
    state.locked(() -> {
      if (state.accounts.user(userId).isEmpty()) {
        throw new IllegalArgumentException(userId + " is not registered on this server");
      }
      state.accounts.ssoUser(userId);
    });
  }

  /**
   * Creates {@code rooms} rooms owned by {@code ownerUserId}, with every member joined and {@code
   * messagesPerRoom} text messages each, straight into the store (no HTTP), for load tests and
   * large-sync benchmarks. Returns the room ids in creation order.
   */
  public List<String> seedRooms(
      String ownerUserId, List<String> memberUserIds, int rooms, int messagesPerRoom) {
    return state.locked(
        () -> new Seeder(state).seed(ownerUserId, memberUserIds, rooms, messagesPerRoom));
  }

  /** The user's device ids, oldest first (for "one device across restarts" assertions). */
  public List<String> devicesOf(String userId) {
    return state.locked(() -> List.copyOf(state.accounts.devices(userId).keySet()));
  }

  /**
   * The one-time keys the server holds for a device, per algorithm: what {@code /keys/upload} and
   * {@code /sync}'s {@code device_one_time_keys_count} report to it.
   */
  public Map<String, Integer> oneTimeKeyCounts(String userId, String deviceId) {
    return state.locked(() -> {
      Map<String, Integer> counts = new LinkedHashMap<>();
      state
          .keys
          .oneTimeKeyCounts(userId, deviceId)
          .properties()
          .forEach(e -> counts.put(e.getKey(), e.getValue().asInt()));
      return counts;
    });
  }

  /**
   * Accepts access tokens minted by the issuer as {@code userId}, the way an OAuth-delegated (MAS)
   * homeserver does; the device comes from a {@code urn:matrix:client:device:<id>} (or the MSC2967
   * unstable) scope, else from the client id. Also makes {@code /_matrix/client/v1/auth_metadata}
   * answer with the issuer's metadata.
   */
  public void trustIssuer(TestOidcIssuer issuer, String userId) {
    issuers.add(issuer);
    state.locked(() -> state.accounts.trust(new IssuerIntrospector(issuer, userId)));
  }

  private Optional<JsonNode> issuerMetadata() {
    return issuers.isEmpty() ? Optional.empty() : Optional.of(issuers.getFirst().metadata());
  }

  @Override
  public void close() {
    state.close();
    users.forEach(TestUser::close);
    server.stop(0);
    executor.shutdownNow();
  }
}
