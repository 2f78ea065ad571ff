package cd.chatrix.matrix.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.matrix.http.Transports;
import cd.chatrix.matrix.testing.FakeHttpServer;
import cd.chatrix.matrix.testing.FakeHttpServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HomeserverDiscoveryTest {
  private final FakeHttpServer front = new FakeHttpServer();
  private final FakeHttpServer matrix = new FakeHttpServer();
  private final Transports transports = Transports.standard();
  private final HomeserverDiscovery discovery = new HomeserverDiscovery(transports::plain);

  @AfterEach
  void close() {
    transports.close();
    front.close();
    matrix.close();
  }

  @Test
  void followsWellKnownAndChecksVersions() {
    front.route(
        "GET /.well-known/matrix/client",
        r -> Reply.json(200, "{\"m.homeserver\":{\"base_url\":\"" + matrix.baseUri() + "/\"}}"));
    matrix.route(
        "GET /_matrix/client/versions",
        r -> Reply.json(200, "{\"versions\":[\"v1.11\",\"v1.15\"]}"));

    Homeserver found = discovery.discover(front.baseUri().toString());

    assertThat(found.baseUrl()).isEqualTo(matrix.baseUri());
    assertThat(found.supports("v1.15")).isTrue();
  }

  @Test
  void usesTheGivenUrlWithoutWellKnown() {
    matrix.route("GET /_matrix/client/versions", r -> Reply.json(200, "{\"versions\":[\"v1.1\"]}"));

    assertThat(discovery.discover(matrix.baseUri().toString()).baseUrl())
        .isEqualTo(matrix.baseUri());
  }

  @Test
  void saysWhenSomethingIsNotAHomeserver() {
    front.route("GET /_matrix/client/versions", r -> Reply.json(200, "{}"));

    assertThatThrownBy(() -> discovery.discover(front.baseUri().toString()))
        .isInstanceOf(LoginException.class)
        .hasMessageContaining("does not look like a Matrix homeserver");
  }
}
