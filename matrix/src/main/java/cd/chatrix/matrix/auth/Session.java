package cd.chatrix.matrix.auth;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * Who the bot is on which homeserver, and the tokens that prove it. The device id is kept across
 * restarts and re-logins so the bot stays one device (its encryption keys belong to it).
 */
public record Session(
    URI homeserver,
    String userId,
    String deviceId,
    String accessToken,
    Optional<String> refreshToken,
    Optional<Instant> expiresAt,
    Renewal renewal) {

  public Session withTokens(
      String newAccessToken, Optional<String> newRefreshToken, Optional<Instant> newExpiry) {
    return new Session(
        homeserver,
        userId,
        deviceId,
        newAccessToken,
        newRefreshToken.or(() -> refreshToken),
        newExpiry,
        renewal);
  }

  /** Secrets stay out of logs. */
  @Override
  public String toString() {
    return "Session[" + userId + " device " + deviceId + " on " + homeserver + "]";
  }
}
