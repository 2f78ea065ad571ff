package cd.chatrix.testkit.matrix;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Login (password and login token), registration, refresh, logout and whoami. */
final class LoginEndpoints {
  static final String SSO_IDP = "test-idp";

  private final ServerState state;

  LoginEndpoints(ServerState state) {
    this.state = state;
  }

  void register(Router router) {
    router.add("GET", "client/login", Router.Auth.NONE, c -> flows());
    router.add("GET", "client/login/sso/redirect", Router.Auth.NONE, this::ssoRedirect);
    router.add("GET", "client/login/sso/redirect/{idpId}", Router.Auth.NONE, this::ssoRedirect);
    router.add("POST", "client/login", Router.Auth.NONE, this::login);
    router.add("POST", "client/register", Router.Auth.NONE, this::registerAccount);
    router.add("GET", "client/register/available", Router.Auth.NONE, this::available);
    router.add("POST", "client/refresh", Router.Auth.NONE, this::refresh);
    router.post("client/logout", this::logout);
    router.post("client/logout/all", this::logoutAll);
    router.get("client/account/whoami", this::whoami);
  }

  private Reply flows() {
    ObjectNode body = Json.object();
    var flows = body.putArray("flows");
    flows.add(Json.object().put("type", "m.login.password"));
    flows.add(Json.object().put("type", "m.login.token"));
    if (state.accounts.ssoUser().isPresent()) {
      ObjectNode sso = flows.addObject().put("type", "m.login.sso");
      sso.putArray("identity_providers").addObject().put("id", SSO_IDP).put("name", "Test IdP");
    }
    return Reply.json(body);
  }

  /**
   * The legacy SSO flow: a browser would meet the identity provider here; the test server approves
   * at once and sends it back to {@code redirectUrl} with a single-use login token.
   */
  private Reply ssoRedirect(Call call) {
    String userId =
        state
            .accounts
            .ssoUser()
            .orElseThrow(() -> new MatrixError(404, "M_UNRECOGNIZED", "SSO is not enabled here."));
    String idp = call.param("idpId");
    if (!idp.isEmpty() && !idp.equals(SSO_IDP)) {
      throw MatrixError.notFound("Unknown identity provider " + idp + ".");
    }
    String target =
        call.query("redirectUrl").orElseThrow(() -> MatrixError.missingParam("redirectUrl"));
    String token = state.accounts.issueLoginToken(userId, java.time.Duration.ofMinutes(2));
    String location = target + (target.contains("?") ? "&" : "?") + "loginToken=" + token;
    return new Reply(302, "text/plain", new byte[0], java.util.Map.of("Location", location));
  }

  private Reply login(Call call) {
    ObjectNode body = call.json();
    String type = Json.str(body, "type");
    String userId =
        switch (type) {
          case "m.login.password" -> passwordUser(body);
          case "m.login.token" ->
              state
                  .accounts
                  .redeemLoginToken(Json.str(body, "token"))
                  .orElseThrow(
                      () -> MatrixError.forbidden("The login token is unknown, used or expired."));
          case "" -> throw MatrixError.missingParam("type");
          default ->
              throw new MatrixError(400, "M_UNKNOWN", "Login type " + type + " is not supported.");
        };
    boolean refreshable = body.path("refresh_token").asBoolean(false);
    Accounts.Grant grant =
        state.accounts.login(
            userId,
            Json.str(body, "device_id"),
            Json.str(body, "initial_device_display_name"),
            refreshable);
    return Reply.json(grantBody(grant));
  }

  private String passwordUser(ObjectNode body) {
    JsonNode identifier = body.get("identifier");
    String user;
    if (identifier != null) {
      if (!Json.str(identifier, "type").equals("m.id.user")) {
        throw new MatrixError(400, "M_UNKNOWN", "Only m.id.user identifiers are supported.");
      }
      user = Json.str(identifier, "user");
    } else {
      user = Json.str(body, "user");
    }
    if (user.isEmpty()) {
      throw MatrixError.missingParam("identifier.user");
    }
    String userId = state.accounts.userId(user);
    if (!state.accounts.passwordMatches(userId, Json.str(body, "password"))) {
      throw MatrixError.forbidden("Invalid user name or password.");
    }
    return userId;
  }

  private ObjectNode grantBody(Accounts.Grant grant) {
    ObjectNode out = Json.object();
    out.put("user_id", grant.userId());
    out.put("access_token", grant.accessToken());
    out.put("device_id", grant.deviceId());
    out.put("home_server", state.serverName);
    grant.refreshToken().ifPresent(t -> out.put("refresh_token", t));
    grant.expiresIn().ifPresent(d -> out.put("expires_in_ms", d.toMillis()));
    return out;
  }

  private Reply registerAccount(Call call) {
    if (call.query("kind").orElse("user").equals("guest")) {
      throw new MatrixError(403, "M_GUEST_ACCESS_FORBIDDEN", "Guest accounts are not offered.");
    }
    ObjectNode body = call.json();
    String localpart = Json.str(body, "username");
    if (localpart.isEmpty()) {
      localpart = "user" + ServerState.randomId(8).toLowerCase();
    }
    if (state.accounts.user(state.accounts.userId(localpart)).isPresent()) {
      throw MatrixError.badRequest("M_USER_IN_USE", "That user name is taken.");
    }
    Uia.requireDummy(body);
    Accounts.User user = state.accounts.register(localpart, Json.str(body, "password"));
    if (body.path("inhibit_login").asBoolean(false)) {
      return Reply.json(Json.object().put("user_id", user.userId));
    }
    Accounts.Grant grant =
        state.accounts.login(
            user.userId,
            Json.str(body, "device_id"),
            Json.str(body, "initial_device_display_name"),
            body.path("refresh_token").asBoolean(false));
    return Reply.json(grantBody(grant));
  }

  private Reply available(Call call) {
    String localpart =
        call.query("username").orElseThrow(() -> MatrixError.missingParam("username"));
    if (state.accounts.user(state.accounts.userId(localpart)).isPresent()) {
      throw MatrixError.badRequest("M_USER_IN_USE", "That user name is taken.");
    }
    return Reply.json(Json.object().put("available", true));
  }

  private Reply refresh(Call call) {
    String token = Json.str(call.json(), "refresh_token");
    if (token.isEmpty()) {
      throw MatrixError.missingParam("refresh_token");
    }
    Accounts.Grant grant = state.accounts.refresh(token);
    ObjectNode out = Json.object();
    out.put("access_token", grant.accessToken());
    grant.refreshToken().ifPresent(t -> out.put("refresh_token", t));
    grant.expiresIn().ifPresent(d -> out.put("expires_in_ms", d.toMillis()));
    return Reply.json(out);
  }

  private Reply logout(Call call) {
    state.accounts.logout(call.session());
    return Reply.empty();
  }

  private Reply logoutAll(Call call) {
    state.accounts.logoutAll(call.userId());
    return Reply.empty();
  }

  private Reply whoami(Call call) {
    ObjectNode out = Json.object();
    out.put("user_id", call.userId());
    out.put("device_id", call.session().deviceId());
    out.put("is_guest", false);
    return Reply.json(out);
  }
}
