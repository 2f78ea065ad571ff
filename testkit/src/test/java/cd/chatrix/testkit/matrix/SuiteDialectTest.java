package cd.chatrix.testkit.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A homeserver started without naming a dialect speaks the one the build names in {@value
 * Dialect#PROPERTY}; the build runs the interop tests once per dialect with this class in each run.
 */
class SuiteDialectTest {
  @Test
  void theDefaultHomeserverSpeaksTheDialectTheBuildNames() throws IOException {
    String named = System.getProperty(Dialect.PROPERTY, "");
    Dialect expected = named.isBlank() ? Dialect.CURRENT : Dialect.named(named);
    try (TestHomeserver hs = TestHomeserver.start();
        RawHttp http = new RawHttp(hs.baseUri())) {
      assertThat(hs.dialect()).isSameAs(expected);
      JsonNode versions = http.get("/_matrix/client/versions", "").json();
      assertThat(versions.path("versions").valueStream().map(JsonNode::asString).toList())
          .isEqualTo(expected.versions());
    }
  }
}
