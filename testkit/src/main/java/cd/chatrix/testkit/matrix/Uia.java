package cd.chatrix.testkit.matrix;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * User-interactive authentication with a single stage: without a matching {@code auth} object the
 * request is answered with 401 and the flows, as the spec's UIA section describes.
 */
final class Uia {
  private Uia() {}

  /** Requires {@code m.login.dummy}. */
  static void requireDummy(ObjectNode body) {
    JsonNode auth = body.get("auth");
    if (auth == null || !Json.str(auth, "type").equals("m.login.dummy")) {
      throw challenge("m.login.dummy", false);
    }
  }

  /** Requires {@code m.login.password} for the caller's own account. */
  static void requirePassword(ServerState state, String userId, ObjectNode body) {
    JsonNode auth = body.get("auth");
    if (auth == null || !Json.str(auth, "type").equals("m.login.password")) {
      throw challenge("m.login.password", false);
    }
    String claimed = Json.str(auth.path("identifier"), "user");
    if (claimed.isEmpty()) {
      claimed = Json.str(auth, "user");
    }
    boolean sameUser = claimed.isEmpty() || state.accounts.userId(claimed).equals(userId);
    if (!sameUser || !state.accounts.passwordMatches(userId, Json.str(auth, "password"))) {
      throw challenge("m.login.password", true);
    }
  }

  private static MatrixError challenge(String stage, boolean failed) {
    MatrixError error =
        failed
            ? new MatrixError(401, "M_FORBIDDEN", "The password is not correct.")
            : new MatrixError(401, "", "This request needs authentication.");
    ObjectNode flow = Json.object();
    flow.putArray("stages").add(stage);
    return error
        .with("flows", Json.array().add(flow))
        .with("params", Json.object())
        .with("session", ServerState.randomId(16))
        .with("completed", Json.array());
  }
}
