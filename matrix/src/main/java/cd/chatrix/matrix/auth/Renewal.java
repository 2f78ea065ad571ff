package cd.chatrix.matrix.auth;

import java.net.URI;

/** How a session gets a new access token when the current one expires. */
public sealed interface Renewal {

  /** The token cannot be renewed; when it stops working, a person logs in again. */
  record None() implements Renewal {}

  /** Matrix {@code POST /_matrix/client/v3/refresh} with the refresh token. */
  record MatrixRefresh() implements Renewal {}

  /**
   * An OAuth 2.0 token endpoint (Matrix OAuth API or the seed's OIDC provider). With a refresh
   * token the refresh grant is used; a confidential client without one asks for a fresh
   * client-credentials token (its secret comes from the configuration, never from the store).
   */
  record OAuth(URI tokenEndpoint, String clientId, boolean confidential) implements Renewal {}
}
