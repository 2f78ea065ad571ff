package cd.chatrix.testkit.matrix;

import cd.chatrix.testkit.SecretTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Users, devices and tokens: passwords, access tokens (optionally expiring), refresh tokens,
 * single-use SSO login tokens, and tokens vouched for by a trusted OAuth issuer. Callers hold the
 * server lock; the few entry points used directly by tests take it themselves.
 */
final class Accounts {
  /** A token from an external issuer, already mapped to a Matrix user and device. */
  record ExternalGrant(String userId, String deviceId, boolean expired) {}

  /** Looks a bearer token up at an external issuer. */
  @FunctionalInterface
  interface Introspector {
    Optional<ExternalGrant> lookup(String token);
  }

  /** What a successful login or refresh hands out. */
  record Grant(
      String userId,
      String deviceId,
      String accessToken,
      Optional<String> refreshToken,
      Optional<Duration> expiresIn) {
    @Override
    public String toString() {
      return "Grant[" + userId + " " + deviceId + "]";
    }
  }

  static final class User {
    final String userId;
    final String password;
    String displayName;
    String avatarUrl = "";
    String presence = "offline";
    String statusMessage = "";
    long presenceSince;

    User(String userId, String password, String displayName) {
      this.userId = userId;
      this.password = password;
      this.displayName = displayName;
    }
  }

  private static final class Token {
    final String userId;
    final String deviceId;
    final Instant expiresAt;
    boolean expired;
    String predecessorRefresh;

    Token(String userId, String deviceId, Instant expiresAt) {
      this.userId = userId;
      this.deviceId = deviceId;
      this.expiresAt = expiresAt;
    }
  }

  /** {@code sessionEnds} bounds every token minted from it (Synapse's ultimate session expiry). */
  private record Refresh(String userId, String deviceId, Optional<Instant> sessionEnds) {}

  private record LoginToken(String userId, Instant expiresAt) {}

  private final ServerState state;
  private final Map<String, User> users = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> devices = new HashMap<>();
  private final Map<String, Token> tokens = new HashMap<>();
  private final Map<String, Refresh> refreshTokens = new HashMap<>();
  private final Map<String, LoginToken> loginTokens = new HashMap<>();
  private final Map<String, Long> lastSeen = new HashMap<>();
  private final List<Introspector> issuers = new ArrayList<>();
  private Optional<Duration> tokenLifetime;
  private Optional<Duration> sessionLifetime = Optional.empty();
  private Optional<String> ssoUser = Optional.empty();

  Accounts(ServerState state) {
    this.state = state;
    this.tokenLifetime = state.dialect.refreshableTokenLifetime();
  }

  String userId(String localpartOrId) {
    return localpartOrId.startsWith("@")
        ? localpartOrId
        : "@" + localpartOrId + ":" + state.serverName;
  }

  User register(String localpart, String password) {
    if (!localpart.matches("[a-z0-9._=/+-]+")) {
      throw MatrixError.badRequest(
          "M_INVALID_USERNAME", "User names may only hold a-z, 0-9 and ._=-/+ characters.");
    }
    String userId = userId(localpart);
    if (users.containsKey(userId)) {
      throw MatrixError.badRequest("M_USER_IN_USE", userId + " is already registered.");
    }
    User user = new User(userId, password, localpart);
    users.put(userId, user);
    devices.put(userId, new LinkedHashMap<>());
    return user;
  }

  Optional<User> user(String userId) {
    return Optional.ofNullable(users.get(userId));
  }

  boolean passwordMatches(String userId, String password) {
    User user = users.get(userId);
    return user != null && !user.password.isEmpty() && user.password.equals(password);
  }

  /** When the device last made an authenticated request (0 if never). */
  long lastSeen(String userId, String deviceId) {
    return lastSeen.getOrDefault(userId + "|" + deviceId, 0L);
  }

  Map<String, String> devices(String userId) {
    return devices.getOrDefault(userId, Map.of());
  }

  /** Logs a user in on a device (an existing one is reused, keeping its keys), minting tokens. */
  Grant login(String userId, String deviceId, String displayName, boolean refreshable) {
    String device = deviceId.isEmpty() ? ServerState.randomId(10).toUpperCase() : deviceId;
    boolean fresh = !devices(userId).containsKey(device);
    devices.computeIfAbsent(userId, k -> new LinkedHashMap<>()).putIfAbsent(device, displayName);
    if (fresh) {
      state.keys.deviceChanged(userId);
    }
    return mint(userId, device, refreshable);
  }

  /**
   * A new session's tokens. As Synapse 1.67 does ({@code synapse/handlers/register.py} {@code
   * _register_device_with_validation}): a refreshable access token lives the refreshable lifetime,
   * a plain one lives the session lifetime if one is set (else forever), and no token outlives the
   * session.
   */
  private Grant mint(String userId, String deviceId, boolean refreshable) {
    Instant now = Instant.now();
    Optional<Instant> sessionEnds = sessionLifetime.map(now::plus);
    return mint(userId, deviceId, refreshable, sessionEnds, now);
  }

  private Grant mint(
      String userId,
      String deviceId,
      boolean refreshable,
      Optional<Instant> sessionEnds,
      Instant now) {
    String access = "syt_" + SecretTokens.of(32);
    Optional<Instant> expiry =
        earliest(refreshable ? tokenLifetime.map(now::plus) : Optional.empty(), sessionEnds);
    tokens.put(access, new Token(userId, deviceId, expiry.orElse(Instant.MAX)));
    Optional<String> refresh = Optional.empty();
    if (refreshable) {
      String value = "syr_" + SecretTokens.of(32);
      refreshTokens.put(value, new Refresh(userId, deviceId, sessionEnds));
      refresh = Optional.of(value);
    }
    // The login and refresh answers carry expires_in_ms whenever the token expires
    // (synapse/rest/client/login.py at v1.67.0).
    return new Grant(userId, deviceId, access, refresh, expiry.map(e -> Duration.between(now, e)));
  }

  private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return Optional.of(a.get().isBefore(b.get()) ? a.get() : b.get());
  }

  /**
   * Trades a refresh token for a new pair; the old refresh token dies once the new one is used. A
   * session past its lifetime cannot be refreshed: 403 M_FORBIDDEN, as Synapse 1.67's {@code
   * AuthHandler.refresh_token} answers.
   */
  Grant refresh(String refreshToken) {
    Refresh old = refreshTokens.get(refreshToken);
    if (old == null) {
      throw new MatrixError(401, "M_UNKNOWN_TOKEN", "The refresh token is not known; log in again.")
          .with("soft_logout", false);
    }
    Instant now = Instant.now();
    if (old.sessionEnds().isPresent() && old.sessionEnds().get().isBefore(now)) {
      throw MatrixError.forbidden("The session has expired and can no longer be refreshed.");
    }
    Grant grant = mint(old.userId(), old.deviceId(), true, old.sessionEnds(), now);
    tokens.get(grant.accessToken()).predecessorRefresh = refreshToken;
    return grant;
  }

  Session authenticate(String accessToken) {
    Token token = tokens.get(accessToken);
    if (token != null) {
      if (token.expired || Instant.now().isAfter(token.expiresAt)) {
        throw softLogout();
      }
      if (token.predecessorRefresh != null) {
        refreshTokens.remove(token.predecessorRefresh);
        token.predecessorRefresh = null;
      }
      lastSeen.put(token.userId + "|" + token.deviceId, System.currentTimeMillis());
      return new Session(token.userId, token.deviceId, accessToken);
    }
    for (Introspector issuer : issuers) {
      Optional<ExternalGrant> grant = issuer.lookup(accessToken);
      if (grant.isPresent()) {
        if (grant.get().expired()) {
          throw softLogout();
        }
        ensureExternal(grant.get());
        return new Session(grant.get().userId(), grant.get().deviceId(), accessToken);
      }
    }
    throw new MatrixError(401, "M_UNKNOWN_TOKEN", "The access token is not known; log in again.")
        .with("soft_logout", false);
  }

  private void ensureExternal(ExternalGrant grant) {
    if (!users.containsKey(grant.userId())) {
      String localpart = grant.userId().substring(1, grant.userId().indexOf(':'));
      users.put(grant.userId(), new User(grant.userId(), "", localpart));
    }
    Map<String, String> own = devices.computeIfAbsent(grant.userId(), k -> new LinkedHashMap<>());
    if (own.putIfAbsent(grant.deviceId(), "") == null) {
      state.keys.deviceChanged(grant.userId());
    }
  }

  private static MatrixError softLogout() {
    return new MatrixError(401, "M_UNKNOWN_TOKEN", "The access token has expired; refresh it.")
        .with("soft_logout", true);
  }

  void expire(String accessToken) {
    state.locked(() -> {
      Token token = tokens.get(accessToken);
      if (token == null) {
        throw new IllegalArgumentException(
            "that access token was not issued by this homeserver (expire issuer tokens with"
                + " TestOidcIssuer.expire)");
      }
      token.expired = true;
    });
  }

  /** Logs out one token; its device goes too, as the spec's /logout says. */
  void logout(Session session) {
    tokens.remove(session.accessToken());
    deleteDevice(session.userId(), session.deviceId());
  }

  /** Deletes a device with its tokens and keys; unknown devices are ignored. */
  void deleteDevice(String userId, String deviceId) {
    tokens.values().removeIf(t -> t.userId.equals(userId) && t.deviceId.equals(deviceId));
    refreshTokens
        .values()
        .removeIf(r -> r.userId().equals(userId) && r.deviceId().equals(deviceId));
    if (devices(userId).remove(deviceId) != null) {
      state.keys.deviceDeleted(userId, deviceId);
    }
  }

  void logoutAll(String userId) {
    tokens.values().removeIf(t -> t.userId.equals(userId));
    refreshTokens.values().removeIf(r -> r.userId().equals(userId));
    for (String device : List.copyOf(devices(userId).keySet())) {
      devices(userId).remove(device);
      state.keys.deviceDeleted(userId, device);
    }
  }

  String issueLoginToken(String userId, Duration lifetime) {
    String token = "syl_" + SecretTokens.of(24);
    loginTokens.put(token, new LoginToken(userId, Instant.now().plus(lifetime)));
    return token;
  }

  /** Redeems a single-use login token. */
  Optional<String> redeemLoginToken(String token) {
    LoginToken found = loginTokens.remove(token);
    return found == null || Instant.now().isAfter(found.expiresAt())
        ? Optional.empty()
        : Optional.of(found.userId());
  }

  void tokenLifetime(Optional<Duration> lifetime) {
    tokenLifetime = lifetime;
  }

  /**
   * Synapse's {@code session_lifetime}: every session logged in from now on ends this long after
   * its login; its access tokens then get 401 M_UNKNOWN_TOKEN with {@code soft_logout: true} and
   * its refresh token 403 M_FORBIDDEN, so only a new login helps.
   */
  void sessionLifetime(Optional<Duration> lifetime) {
    sessionLifetime = lifetime;
  }

  /** The user the SSO redirect logs in as; empty while SSO is not offered. */
  Optional<String> ssoUser() {
    return ssoUser;
  }

  void ssoUser(String userId) {
    ssoUser = Optional.of(userId);
  }

  void trust(Introspector issuer) {
    issuers.add(issuer);
  }
}
