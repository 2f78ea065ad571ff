package cd.chatrix.matrix.auth;

import cd.chatrix.matrix.http.AuthLayer;
import cd.chatrix.matrix.http.HttpTransport;
import cd.chatrix.matrix.http.Layer;
import cd.chatrix.matrix.http.MatrixException;
import cd.chatrix.matrix.http.MatrixRequest;
import cd.chatrix.matrix.http.ReloginRequiredException;
import cd.chatrix.matrix.http.Sleeper;
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
 * the bot stays the same device; only when it no longer works does the configured method log in
 * again, and then with the stored device id.
 */
public final class SessionBootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(SessionBootstrap.class);

  private final URI homeserver;
  private final Function<URI, HttpTransport> plainTransports;
  private final SessionStore store;
  private final Clock clock;
  private final Sleeper sleeper;

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
  }

  public Authenticated establish(
      LoginMethod method, Optional<String> configuredDeviceId, String deviceName) {
    Optional<Session> stored = store.load().filter(s -> s.homeserver().equals(homeserver));
    if (method instanceof LoginMethod.Password p) {
      stored = stored.filter(s -> sameUser(s.userId(), p.user()));
    }
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

  /** The renewer that fits a session's renewal kind. */
  public TokenRenewer renewerFor(Session session, LoginMethod method) {
    return switch (session.renewal()) {
      case Renewal.None n ->
          s -> {
            throw new LoginException(
                "This access token cannot be renewed; give the bot a new one.");
          };
      case Renewal.MatrixRefresh m -> new MatrixRefreshRenewer(plain(homeserver), clock);
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
    } catch (ReloginRequiredException e) {
      LOG.warn("The stored session of {} is no longer valid; logging in again", stored.userId());
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
    SessionTokens tokens = new SessionTokens(session, store, renewerFor(session, method));
    if (method instanceof LoginMethod.Password
        || method instanceof LoginMethod.OidcClientCredentialsFlow) {
      // These need no person, so an ended session is replaced at once (same device id).
      tokens.setRelogin(
          ended -> login(method, Optional.of(ended.deviceId()), deviceName, Optional.of(ended)));
    }
    return tokens;
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
