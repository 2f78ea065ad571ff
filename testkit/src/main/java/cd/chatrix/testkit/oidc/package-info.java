/**
 * An in-process OAuth 2.0 / OpenID Connect issuer over real HTTP: client credentials, device
 * authorization, refresh, authorization code with PKCE, and dynamic client registration.
 */
package cd.chatrix.testkit.oidc;
