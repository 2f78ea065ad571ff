package cd.chatrix.matrix.auth;

import cd.chatrix.matrix.http.HttpResult;
import cd.chatrix.matrix.http.HttpTransport;
import cd.chatrix.matrix.http.Json;
import cd.chatrix.matrix.http.MatrixRequest;
import cd.chatrix.matrix.http.TransportException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Finds the client-server base URL for a server name or URL: {@code /.well-known/matrix/client} on
 * the given host first, then a {@code /_matrix/client/versions} check of the result.
 */
public final class HomeserverDiscovery {
  private final Function<URI, HttpTransport> transports;

  /** {@code transports} builds an unauthenticated transport for a base URI. */
  public HomeserverDiscovery(Function<URI, HttpTransport> transports) {
    this.transports = transports;
  }

  /**
   * @param serverNameOrUrl {@code example.org} or {@code https://matrix.example.org}
   */
  public Homeserver discover(String serverNameOrUrl) {
    URI given =
        URI.create(
            serverNameOrUrl.contains("://") ? serverNameOrUrl : "https://" + serverNameOrUrl);
    URI origin = URI.create(given.getScheme() + "://" + given.getRawAuthority());
    URI base = wellKnown(origin).orElse(given);
    return new Homeserver(base, versions(base));
  }

  private Optional<URI> wellKnown(URI origin) {
    try (HttpTransport transport = transports.apply(origin)) {
      HttpResult result =
          transport.exchange(MatrixRequest.get("/.well-known/matrix/client").unauthenticated());
      if (!result.ok()) {
        return Optional.empty();
      }
      String base = Json.text(result.json().path("m.homeserver"), "base_url");
      return base.isBlank() ? Optional.empty() : Optional.of(URI.create(stripSlash(base)));
    } catch (TransportException | JacksonException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private List<String> versions(URI base) {
    try (HttpTransport transport = transports.apply(base)) {
      MatrixRequest request = MatrixRequest.get("/_matrix/client/versions").unauthenticated();
      JsonNode body = transport.call(request);
      List<String> versions = new ArrayList<>();
      body.path("versions").forEach(v -> versions.add(v.asString()));
      if (versions.isEmpty()) {
        throw new LoginException(base + " does not look like a Matrix homeserver (no versions).");
      }
      return versions;
    } catch (TransportException e) {
      throw new LoginException(
          "Cannot reach the homeserver at "
              + base
              + ": "
              + e.reason()
              + ". Check the homeserver URL and network.",
          e);
    }
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
