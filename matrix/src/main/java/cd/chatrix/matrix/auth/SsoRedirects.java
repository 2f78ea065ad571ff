package cd.chatrix.matrix.auth;

import cd.chatrix.matrix.http.HttpTransport;
import cd.chatrix.matrix.http.Json;
import cd.chatrix.matrix.http.MatrixRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reads the login flows and builds the browser URL that starts SSO. */
public final class SsoRedirects {
  /** An identity provider offered by {@code m.login.sso}. */
  public record IdentityProvider(String id, String name) {}

  private final HttpTransport transport;

  public SsoRedirects(HttpTransport transport) {
    this.transport = transport;
  }

  public List<String> loginFlows() {
    List<String> flows = new ArrayList<>();
    loginInfo().path("flows").forEach(f -> flows.add(Json.text(f, "type")));
    return flows;
  }

  public List<IdentityProvider> identityProviders() {
    List<IdentityProvider> providers = new ArrayList<>();
    for (JsonNode flow : loginInfo().path("flows")) {
      if (Json.text(flow, "type").equals("m.login.sso")) {
        flow.path("identity_providers")
            .forEach(
                p -> providers.add(new IdentityProvider(Json.text(p, "id"), Json.text(p, "name"))));
      }
    }
    return providers;
  }

  /**
   * The URL to open in a browser; after sign-in it redirects to {@code redirectUrl?loginToken=}.
   */
  public URI redirectUrl(URI redirectUrl, List<IdentityProvider> providers) {
    String path = "/_matrix/client/v3/login/sso/redirect";
    if (providers.size() == 1) {
      path += "/" + MatrixRequest.segment(providers.getFirst().id());
    }
    String base = transport.baseUri().toString().replaceAll("/$", "");
    return URI.create(
        base
            + path
            + "?redirectUrl="
            + URLEncoder.encode(redirectUrl.toString(), StandardCharsets.UTF_8));
  }

  private JsonNode loginInfo() {
    return transport.call(MatrixRequest.get("/_matrix/client/v3/login").unauthenticated());
  }
}
