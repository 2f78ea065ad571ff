package cd.chatrix.matrix.auth;

import cd.chatrix.matrix.http.HttpTransport;
import cd.chatrix.matrix.http.Json;
import cd.chatrix.matrix.http.MatrixRequest;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** {@code GET /account/whoami}: which user and device an access token belongs to. */
public final class WhoAmI {
  /** The owner of a token; the device is absent for some appservice tokens. */
  public record Identity(String userId, Optional<String> deviceId) {}

  private WhoAmI() {}

  /** Asks with an explicit token, bypassing any auth layer of {@code transport}. */
  public static Identity ask(HttpTransport transport, String accessToken) {
    JsonNode body =
        transport.call(
            MatrixRequest.get("/_matrix/client/v3/account/whoami")
                .unauthenticated()
                .withHeader("Authorization", "Bearer " + accessToken));
    String device = Json.text(body, "device_id");
    return new Identity(
        Json.text(body, "user_id"), device.isEmpty() ? Optional.empty() : Optional.of(device));
  }
}
