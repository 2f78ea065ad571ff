package cd.chatrix.app;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.boot.demo.DemoSandbox;
import cd.chatrix.testkit.matrix.Dialect;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scenario classes start their homeserver through {@link DemoSandbox}; this proves that
 * homeserver speaks the dialect the build names in {@value Dialect#PROPERTY} (the build runs the
 * scenario classes once per dialect, with this class in each run), down to what it answers over
 * HTTP.
 */
class HomeserverDialectTest {
  @Test
  void theSandboxHomeserverSpeaksTheDialectTheBuildNames() throws Exception {
    String named = System.getProperty(Dialect.PROPERTY, "");
    Dialect expected = named.isBlank() ? Dialect.CURRENT : Dialect.named(named);
    try (DemoSandbox sandbox = DemoSandbox.start();
        HttpClient http = HttpClient.newHttpClient()) {
      assertThat(sandbox.homeserver().dialect()).isSameAs(expected);

      HttpResponse<String> versions =
          http.send(
              HttpRequest.newBuilder(
                      sandbox.homeserver().baseUri().resolve("/_matrix/client/versions"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode body = JsonMapper.builder().build().readTree(versions.body());
      List<String> advertised =
          body.path("versions").valueStream().map(JsonNode::asString).toList();
      assertThat(advertised).isEqualTo(expected.versions());
    }
  }
}
