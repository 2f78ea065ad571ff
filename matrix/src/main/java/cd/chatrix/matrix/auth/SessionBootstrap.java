package cd.chatrix.matrix.auth;

import cd.chatrix.matrix.http.AuthLayer;
import cd.chatrix.matrix.http.HttpTransport;
import cd.chatrix.matrix.http.Layer;
import cd.chatrix.matrix.http.MatrixException;
import cd.chatrix.matrix.http.MatrixRequest;
import cd.chatrix.matrix.http.ReloginRequiredException;
import cd.chatrix.matrix.http.Sleeper;
import cd.chatrix.matrix.http.TransportException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the bot a working session at start-up. A stored session is reused (refreshed if needed) so
 * the bot stays the same device; when it no longer works, for whatever reason the renewal failed,
 * the configured method logs in again with the stored device id, so the store and the encryption
 * identity are kept. Also builds the {@link SessionTokens} that keep the session alive afterwards.
 */
public final class SessionBootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(SessionBootstrap.class);

  private final URI homeserver;
  private final Function<URI, HttpTransport> plainTransports;
  private final SessionStore store;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ServerVersions versions;
  private final MatrixRefreshRenewer matrixRefresh;

  /**
   * @param plainTransports builds unauthenticated transports (with retries) for a base URI
   */
  public SessionBootstrap(
      URI homeserver,
      Function<URI, HttpTransport> plainTransports,
      SessionStore store,
      Clock clock,
      Sleeper sleeper) {
    this.homeserver = homeserver;
    this.plainTransports = plainTransports;
    this.store = store;
    this.clock = clock;
    this.sleeper = sleeper;
    this.versions = new ServerVersions(plain(homeserver));
    this.matrixRefresh = new MatrixRefreshRenewer(plain(homeserver), versions, clock);
  }

  /** What the homeserver advertises, read once at start and again after it was unreachable. */
  public ServerVersions versions() {
    return versions;
  }

  public Authenticated establish(
      LoginMethod method, Optional<String> configuredDeviceId, String deviceName) {
    Optional<Session> stored = store.load().filter(s -> s.homeserver().equals(homeserver));
    if (method instanceof LoginMethod.Password p) {
      stored = stored.filter(s -> sameUser(s.userId(), p.user()));
    }
    versions.versions(); // the refresh endpoint depends on it; a failure is retried when needed
    stored.ifPresent(s -> warnIfAnotherDeviceIsConfigured(s, configuredDeviceId));
    Optional<String> givenToken = givenToken(method);
    if (givenToken.isPresent()) {
      return save(fromGivenToken(givenToken.get(), stored), method, deviceName);
    }
    if (stored.isPresent()) {
      Optional<Authenticated> resumed = resume(stored.get(), method, deviceName);
      if (resumed.isPresent()) {
        LOG.info("Resumed the stored session of {}", stored.get().userId());
        return resumed.get();
      }
    }
    Optional<String> deviceId = stored.map(Session::deviceId).or(() -> configuredDeviceId);
    return save(login(method, deviceId, deviceName, stored), method, deviceName);
  }

  /**
   * The stored device wins over {@code matrix.device_id}: switching devices silently would throw
   * away the bot's encryption identity (and every room key it holds).
   */
  private static void warnIfAnotherDeviceIsConfigured(Session stored, Optional<String> configured) {
    if (configured.isPresent() && !configured.get().equals(stored.deviceId())) {
      LOG.warn(
          "matrix.device_id is {} but the stored session is device {}; keeping {} and its"
              + " encryption identity. To move to {} on purpose, stop the bot and delete the store"
              + " (matrix.store_path): the bot then logs in as a new device with new keys.",
          configured.get(),
          stored.deviceId(),
          stored.deviceId(),
          configured.get());
    }
  }

  /**
   * The renewer that fits a session's renewal kind, chosen anew for every renewal (a new login may
   * change the kind).
   */
  public TokenRenewer renewerFor(LoginMethod method) {
    return session -> {
      try {
        return renewerFor(session, method).renew(session);
      } catch (TransportException e) {
        versions.forget(); // the server may come back upgraded
        throw e;
      }
    };
  }

  private TokenRenewer renewerFor(Session session, LoginMethod method) {
    return switch (session.renewal()) {
      case Renewal.None n ->
          s -> {
            throw new LoginException(
                "This access token cannot be renewed; give the bot a new one.");
          };
      case Renewal.MatrixRefresh m -> matrixRefresh;
      case Renewal.OAuth o ->
          new OAuthRenewer(
              plain(o.tokenEndpoint()),
              method instanceof LoginMethod.OidcClientCredentialsFlow f
                  ? Optional.of(f.settings())
                  : Optional.empty(),
              clock);
    };
  }

  private Optional<Authenticated> resume(Session stored, LoginMethod method, String deviceName) {
    SessionTokens tokens = tokens(stored, method, deviceName);
    List<Layer> layers = new ArrayList<>(plain(homeserver).layers());
    layers.add(new AuthLayer(tokens));
    try (HttpTransport authed = plain(homeserver).withLayers(layers)) {
      authed.call(MatrixRequest.get("/_matrix/client/v3/account/whoami"));
      return Optional.of(new Authenticated(tokens));
    } catch (MatrixException e) {
      if (!(e instanceof ReloginRequiredException) && e.error().status() != 401) {
        throw e;
      }
      // Expired and not renewable right now (refresh refused, unknown, or failing): a new login
      // on the same device keeps the store and the encryption identity.
      LOG.warn(
          "The stored session of {} no longer works ({}); logging in again on device {}",
          stored.userId(),
          e.error().errcode(),
          stored.deviceId());
      return Optional.empty();
    }
  }

  private Session login(
      LoginMethod method, Optional<String> deviceId, String deviceName, Optional<Session> stored) {
    HttpTransport hs = plain(homeserver);
    return switch (method) {
      case LoginMethod.Password p ->
          new PasswordLogin(hs, clock).login(p.user(), p.password(), deviceId, deviceName);
      case LoginMethod.SsoLoginToken sso ->
          new LoginTokenLogin(hs, clock).login(sso.pastedTokenOrUrl().get(), deviceId, deviceName);
      case LoginMethod.OidcClientCredentialsFlow f ->
          new OidcClientCredentialsLogin(plain(f.settings().issuer()), hs, clock)
              .login(f.settings(), deviceId);
      case LoginMethod.OAuthDeviceFlow d ->
          new MatrixOAuthDeviceLogin(hs, plain(homeserver), clock, sleeper)
              .login(
                  d.client(),
                  stored.flatMap(s ->
                      s.renewal() instanceof Renewal.OAuth o && !o.confidential()
                          ? Optional.of(o.clientId())
                          : Optional.empty()),
                  deviceId,
                  d.prompt());
      case LoginMethod.AccessToken a -> throw new IllegalStateException("handled before");
      case LoginMethod.TokenFile t -> throw new IllegalStateException("handled before");
    };
  }

  private Session fromGivenToken(String token, Optional<Session> stored) {
    if (stored.isPresent() && stored.get().accessToken().equals(token)) {
      return stored.get();
    }
    try {
      WhoAmI.Identity identity = WhoAmI.ask(plain(homeserver), token);
      String device =
          identity
              .deviceId()
              .or(() -> stored.map(Session::deviceId))
              .orElseThrow(
                  () -> new LoginException("The access token has no device; use a user token."));
      return new Session(
          homeserver,
          identity.userId(),
          device,
          token,
          Optional.empty(),
          Optional.empty(),
          new Renewal.None());
    } catch (MatrixException e) {
      throw new LoginException(
          "The homeserver does not accept the configured access token ("
              + e.error().errcode()
              + "). Put a valid token into the configuration or use another login method.",
          e);
    }
  }

  private Authenticated save(Session session, LoginMethod method, String deviceName) {
    store.save(session);
    return new Authenticated(tokens(session, method, deviceName));
  }

  private SessionTokens tokens(Session session, LoginMethod method, String deviceName) {
    SessionTokens tokens = new SessionTokens(session, store, renewerFor(method));
    switch (method) {
      // These need no person, so a session that cannot be renewed is replaced (same device id).
      case LoginMethod.Password p ->
          tokens.setRelogin(ended ->
              login(method, Optional.of(ended.deviceId()), deviceName, Optional.of(ended)));
      case LoginMethod.OidcClientCredentialsFlow f ->
          tokens.setRelogin(ended ->
              login(method, Optional.of(ended.deviceId()), deviceName, Optional.of(ended)));
      case LoginMethod.TokenFile t -> tokens.setRelogin(ended -> fromTokenFileAgain(t, ended));
      default -> {}
    }
    return tokens;
  }

  /** The token file may hold a new token by now (rotated by whoever writes it). */
  private Session fromTokenFileAgain(LoginMethod.TokenFile file, Session ended) {
    String token = givenToken(file).orElseThrow();
    if (token.equals(ended.accessToken())) {
      throw new LoginException(
          "The token in " + file.file() + " is no longer accepted; put a new one there.");
    }
    return fromGivenToken(token, Optional.of(ended));
  }

  private Optional<String> givenToken(LoginMethod method) {
    return switch (method) {
      case LoginMethod.AccessToken a -> Optional.of(a.token().strip());
      case LoginMethod.TokenFile t -> {
        try {
          List<String> lines = Files.readAllLines(t.file());
          String token = lines.isEmpty() ? "" : lines.getFirst().strip();
          if (token.isEmpty()) {
            throw new LoginException("The token file " + t.file() + " is empty.");
          }
          yield Optional.of(token);
        } catch (IOException e) {
          throw new LoginException("Cannot read the token file " + t.file() + ".", e);
        }
      }
      default -> Optional.empty();
    };
  }

  private HttpTransport plain(URI base) {
    return plainTransports.apply(base);
  }

  private static boolean sameUser(String userId, String configured) {
    if (configured.startsWith("@")) {
      return userId.equals(configured);
    }
    return userId.startsWith("@" + configured + ":");
  }
}
