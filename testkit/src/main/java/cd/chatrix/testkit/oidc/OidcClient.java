package cd.chatrix.testkit.oidc;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** A registered client; public clients have an empty secret. */
record OidcClient(String clientId, String secret, List<String> redirectUris, ObjectNode metadata) {
  boolean isPublic() {
    return secret.isEmpty();
  }

  @Override
  public String toString() {
    return "OidcClient[" + clientId + "]";
  }
}
