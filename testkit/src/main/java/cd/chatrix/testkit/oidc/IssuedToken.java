package cd.chatrix.testkit.oidc;

import java.time.Instant;
import java.util.List;

/**
 * What the issuer knows about an access token it minted (the token value itself is not kept here).
 *
 * @param clientId the client the token was issued to
 * @param subject the resource owner: the approving user for user grants, the client id for client
 *     credentials
 * @param scopes granted scopes
 * @param expiresAt when the token stops being valid
 */
public record IssuedToken(String clientId, String subject, List<String> scopes, Instant expiresAt) {
  public IssuedToken {
    scopes = List.copyOf(scopes);
  }

  public boolean expired() {
    return !Instant.now().isBefore(expiresAt);
  }
}
