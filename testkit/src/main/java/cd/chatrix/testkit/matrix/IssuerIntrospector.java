package cd.chatrix.testkit.matrix;

import cd.chatrix.testkit.oidc.IssuedToken;
import cd.chatrix.testkit.oidc.TestOidcIssuer;
import java.util.Optional;

/** Maps tokens from a trusted {@link TestOidcIssuer} to a Matrix user and device. */
record IssuerIntrospector(TestOidcIssuer issuer, String userId) implements Accounts.Introspector {
  private static final String[] DEVICE_SCOPES = {
    "urn:matrix:client:device:", "urn:matrix:org.matrix.msc2967.client:device:"
  };

  @Override
  public Optional<Accounts.ExternalGrant> lookup(String token) {
    Optional<IssuedToken> issued = issuer.introspect(token);
    return issued.map(t -> new Accounts.ExternalGrant(userId, deviceOf(t), t.expired()));
  }

  private static String deviceOf(IssuedToken token) {
    for (String scope : token.scopes()) {
      for (String prefix : DEVICE_SCOPES) {
        if (scope.startsWith(prefix)) {
          return scope.substring(prefix.length());
        }
      }
    }
    return "OAUTH" + Integer.toHexString(token.clientId().hashCode()).toUpperCase();
  }
}
