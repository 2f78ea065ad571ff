package cd.chatrix.matrix.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.matrix.testing.FakeHttpServer;
import cd.chatrix.matrix.testing.FakeHttpServer.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuthLayerTest {
  private final FakeHttpServer server = new FakeHttpServer();

  /** Hands out "old" and renews to "new"; records renewals. */
  private static final class Tokens implements AccessTokens {
    String token = "old";
    final List<MatrixError> renewals = new ArrayList<>();

    @Override
    public String current() {
      return token;
    }

    @Override
    public String renewAfterRejection(String rejected, MatrixError error) {
      renewals.add(error);
      if (!error.softLogout()) {
        throw new ReloginRequiredException("test", error);
      }
      token = "new";
      return token;
    }
  }

  private final Tokens tokens = new Tokens();
  private final HttpTransport transport =
      HttpTransport.builder(server.baseUri()).layer(new AuthLayer(tokens)).build();

  @AfterEach
  void close() {
    transport.close();
    server.close();
  }

  @Test
  void sendsTheBearerToken() {
    server.route("GET /x", r -> Reply.json(200, "{}"));

    transport.call(MatrixRequest.get("/x"));

    assertThat(server.requests("/x").getFirst().header("Authorization")).isEqualTo("Bearer old");
  }

  @Test
  void leavesUnauthenticatedRequestsAlone() {
    server.route("GET /x", r -> Reply.json(200, "{}"));

    transport.call(MatrixRequest.get("/x").unauthenticated());

    assertThat(server.requests("/x").getFirst().header("Authorization")).isEmpty();
  }

  @Test
  void softLogoutRenewsAndRetriesOnce() {
    server.route(
        "GET /x",
        r ->
            r.header("Authorization").equals("Bearer new")
                ? Reply.json(200, "{\"ok\":true}")
                : Reply.json(401, "{\"errcode\":\"M_UNKNOWN_TOKEN\",\"soft_logout\":true}"));

    var body = transport.call(MatrixRequest.get("/x"));

    assertThat(body.path("ok").asBoolean()).isTrue();
    assertThat(tokens.renewals).hasSize(1);
    assertThat(server.requests("/x")).hasSize(2);
  }

  @Test
  void hardLogoutAsksForANewLogin() {
    server.route(
        "GET /x", r -> Reply.json(401, "{\"errcode\":\"M_UNKNOWN_TOKEN\",\"error\":\"gone\"}"));

    assertThatThrownBy(() -> transport.call(MatrixRequest.get("/x")))
        .isInstanceOf(ReloginRequiredException.class)
        .hasMessageContaining("Log in again")
        .hasMessageNotContaining("old");
  }

  @Test
  void aRenewedTokenThatIsRejectedAgainFailsOnlyThisRequest() {
    server.route(
        "GET /x", r -> Reply.json(401, "{\"errcode\":\"M_UNKNOWN_TOKEN\",\"soft_logout\":true}"));

    assertThatThrownBy(() -> transport.call(MatrixRequest.get("/x")))
        .isInstanceOf(MatrixException.class)
        .isNotInstanceOf(ReloginRequiredException.class);
    assertThat(tokens.renewals).hasSize(1);
    assertThat(server.requests("/x")).hasSize(2);
  }

  @Test
  void otherUnauthorisedErrorsPassThrough() {
    server.route("GET /x", r -> Reply.json(401, "{\"errcode\":\"M_MISSING_TOKEN\"}"));

    assertThatThrownBy(() -> transport.call(MatrixRequest.get("/x")))
        .isInstanceOf(MatrixException.class)
        .isNotInstanceOf(ReloginRequiredException.class);
    assertThat(tokens.renewals).isEmpty();
  }
}
