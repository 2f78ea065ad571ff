package cd.chatrix.testkit.matrix;

import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Server discovery: .well-known, /versions, /capabilities and the OAuth auth_metadata. */
final class DiscoveryEndpoints {
  private final Dialect dialect;
  private final URI base;
  private final Supplier<Optional<JsonNode>> issuerMetadata;

  DiscoveryEndpoints(ServerState state, URI base, Supplier<Optional<JsonNode>> issuerMetadata) {
    this.dialect = state.dialect;
    this.base = base;
    this.issuerMetadata = issuerMetadata;
  }

  void register(Router router) {
    router.add("GET", ".well-known/matrix/client", Router.Auth.NONE, this::wellKnown);
    router.add("GET", "client/versions", Router.Auth.NONE, c -> versions());
    router.add("GET", "client/auth_metadata", Router.Auth.NONE, c -> authMetadata());
    router.add(
        "GET", "client/org.matrix.msc2965/auth_metadata", Router.Auth.NONE, c -> authMetadata());
    router.get("client/capabilities", c -> capabilities());
  }

  private Reply wellKnown(Call call) {
    ObjectNode body = Json.object();
    body.putObject("m.homeserver").put("base_url", base.toString());
    return Reply.json(body);
  }

  private Reply versions() {
    ObjectNode body = Json.object();
    ArrayNode versions = body.putArray("versions");
    for (String version : dialect.versions()) {
      versions.add(version);
    }
    body.putObject("unstable_features");
    return Reply.json(body);
  }

  private Reply authMetadata() {
    return issuerMetadata
        .get()
        .map(Reply::json)
        .orElseThrow(() ->
            new MatrixError(
                404, "M_UNRECOGNIZED", "This server does not delegate auth to an issuer."));
  }

  private Reply capabilities() {
    ObjectNode body = Json.object();
    ObjectNode caps = body.putObject("capabilities");
    caps.putObject("m.change_password").put("enabled", false);
    ObjectNode versions = caps.putObject("m.room_versions");
    Dialect.RoomVersions rooms = dialect.roomVersions();
    versions.put("default", rooms.defaultVersion());
    ObjectNode available = versions.putObject("available");
    rooms.available().forEach(available::put);
    caps.putObject("m.set_displayname").put("enabled", true);
    return Reply.json(body);
  }
}
