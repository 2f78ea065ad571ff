package cd.chatrix.testkit.oidc;

import cd.chatrix.testkit.SecretTokens;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Clients, tokens and pending grants of the issuer. Every method is synchronized: the issuer's
 * handlers run on virtual threads and the test hooks on the test thread.
 */
final class GrantStore {
  private static final String USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Where a device authorization stands. */
  enum DeviceState {
    PENDING,
    APPROVED,
    DENIED
  }

  static final class DeviceGrant {
    final String clientId;
    final String userCode;
    final List<String> scopes;
    final Instant expiresAt;
    DeviceState status = DeviceState.PENDING;
    String subject = "";
    Instant nextPollAllowed = Instant.EPOCH;
    long intervalSeconds;

    DeviceGrant(
        String clientId, String userCode, List<String> scopes, Instant expiresAt, long interval) {
      this.clientId = clientId;
      this.userCode = userCode;
      this.scopes = scopes;
      this.expiresAt = expiresAt;
      this.intervalSeconds = interval;
    }
  }

  record RefreshGrant(String clientId, String subject, List<String> scopes) {}

  record CodeGrant(
      String clientId,
      String redirectUri,
      String challenge,
      String challengeMethod,
      List<String> scopes,
      String subject) {}

  /** A minted token pair; {@code refreshToken} is empty for client credentials. */
  record Minted(
      String accessToken, String refreshToken, long expiresInSeconds, List<String> scopes) {
    @Override
    public String toString() {
      return "Minted[expires in " + expiresInSeconds + "s]";
    }
  }

  private final Map<String, OidcClient> clients = new HashMap<>();
  private final Map<String, IssuedToken> accessTokens = new HashMap<>();
  private final Map<String, RefreshGrant> refreshTokens = new HashMap<>();
  private final Map<String, DeviceGrant> deviceGrants = new HashMap<>();
  private final Map<String, CodeGrant> codes = new HashMap<>();
  private Duration tokenLifetime = Duration.ofMinutes(5);
  private boolean refreshForClientCredentials;

  static String random(int length) {
    return SecretTokens.of(length);
  }

  synchronized void tokenLifetime(Duration lifetime) {
    tokenLifetime = lifetime;
  }

  synchronized void refreshForClientCredentials(boolean enabled) {
    refreshForClientCredentials = enabled;
  }

  synchronized boolean refreshForClientCredentials() {
    return refreshForClientCredentials;
  }

  synchronized void addClient(OidcClient client) {
    clients.put(client.clientId(), client);
  }

  synchronized Optional<OidcClient> client(String clientId) {
    return Optional.ofNullable(clients.get(clientId));
  }

  synchronized OidcClient register(
      ObjectNode metadata, boolean confidential, List<String> redirects) {
    String id = "client_" + random(16);
    OidcClient client = new OidcClient(id, confidential ? random(32) : "", redirects, metadata);
    clients.put(id, client);
    return client;
  }

  synchronized Minted mint(
      String clientId, String subject, List<String> scopes, boolean withRefresh) {
    String access = "oat_" + random(32);
    accessTokens.put(
        access, new IssuedToken(clientId, subject, scopes, Instant.now().plus(tokenLifetime)));
    String refresh = "";
    if (withRefresh) {
      refresh = "ort_" + random(32);
      refreshTokens.put(refresh, new RefreshGrant(clientId, subject, scopes));
    }
    return new Minted(access, refresh, Math.max(1, tokenLifetime.toSeconds()), scopes);
  }

  synchronized Optional<IssuedToken> introspect(String accessToken) {
    return Optional.ofNullable(accessTokens.get(accessToken));
  }

  synchronized void expire(String accessToken) {
    IssuedToken token = accessTokens.get(accessToken);
    if (token == null) {
      throw new IllegalArgumentException("that access token was never issued here");
    }
    accessTokens.put(
        accessToken,
        new IssuedToken(token.clientId(), token.subject(), token.scopes(), Instant.EPOCH));
  }

  /** Rotates a refresh token: the old one stops working, as OAuth 2.1 recommends. */
  synchronized Minted refresh(String refreshToken, String clientId) {
    RefreshGrant grant = refreshTokens.get(refreshToken);
    if (grant == null || !grant.clientId().equals(clientId)) {
      throw OAuthError.invalidGrant("The refresh token is unknown or belongs to another client.");
    }
    refreshTokens.remove(refreshToken);
    return mint(clientId, grant.subject(), grant.scopes(), true);
  }

  synchronized void revoke(String token) {
    accessTokens.remove(token);
    refreshTokens.remove(token);
  }

  synchronized Map.Entry<String, DeviceGrant> startDevice(
      String clientId, List<String> scopes, Duration lifetime, long intervalSeconds) {
    String deviceCode = "odc_" + random(32);
    StringBuilder userCode = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == 4) {
        userCode.append('-');
      }
      userCode.append(USER_CODE_ALPHABET.charAt(RANDOM.nextInt(USER_CODE_ALPHABET.length())));
    }
    DeviceGrant grant =
        new DeviceGrant(
            clientId, userCode.toString(), scopes, Instant.now().plus(lifetime), intervalSeconds);
    deviceGrants.put(deviceCode, grant);
    return Map.entry(deviceCode, grant);
  }

  synchronized void decide(String userCode, DeviceState decision, String subject) {
    DeviceGrant grant =
        deviceGrants.values().stream()
            .filter(g -> g.userCode.equalsIgnoreCase(userCode.trim()))
            .findFirst()
            .orElseThrow(() ->
                new IllegalArgumentException("no device grant has the user code " + userCode));
    grant.status = decision;
    grant.subject = subject;
  }

  /** One poll of the device grant, answering as RFC 8628 section 3.5 describes. */
  synchronized Minted pollDevice(String deviceCode, String clientId) {
    DeviceGrant grant = deviceGrants.get(deviceCode);
    if (grant == null || !grant.clientId.equals(clientId)) {
      throw OAuthError.invalidGrant("The device code is unknown or belongs to another client.");
    }
    Instant now = Instant.now();
    if (now.isAfter(grant.expiresAt)) {
      deviceGrants.remove(deviceCode);
      throw new OAuthError(400, "expired_token", "The device code expired; start again.");
    }
    if (now.isBefore(grant.nextPollAllowed)) {
      grant.intervalSeconds += 5;
      grant.nextPollAllowed = now.plusSeconds(grant.intervalSeconds);
      throw new OAuthError(400, "slow_down", "Polling too fast; wait longer between polls.");
    }
    grant.nextPollAllowed = now.plusSeconds(grant.intervalSeconds);
    return switch (grant.status) {
      case PENDING ->
          throw new OAuthError(400, "authorization_pending", "The user has not approved yet.");
      case DENIED -> {
        deviceGrants.remove(deviceCode);
        throw new OAuthError(400, "access_denied", "The user denied the request.");
      }
      case APPROVED -> {
        deviceGrants.remove(deviceCode);
        yield mint(clientId, grant.subject, grant.scopes, true);
      }
    };
  }

  synchronized String issueCode(CodeGrant grant) {
    String code = "oac_" + random(24);
    codes.put(code, grant);
    return code;
  }

  synchronized Optional<CodeGrant> redeemCode(String code) {
    return Optional.ofNullable(codes.remove(code));
  }
}
