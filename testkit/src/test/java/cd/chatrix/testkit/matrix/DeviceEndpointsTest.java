package cd.chatrix.testkit.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class DeviceEndpointsTest {
  private TestHomeserver hs;
  private TestUser alice;

  @BeforeEach
  void start() {
    hs = TestHomeserver.start();
    alice = hs.registerUser("alice", "alice-pw");
  }

  @AfterEach
  void stop() {
    hs.close();
  }

  @Test
  void deletingADeviceNeedsThePasswordAndKillsItsToken() {
    TestUser old = hs.loginUser("alice", "alice-pw");
    String path = "/_matrix/client/v3/devices/" + old.deviceId();
    assertThatThrownBy(() -> alice.call("DELETE", path, RawHttp.JSON.createObjectNode()))
        .isInstanceOfSatisfying(
            MatrixCallException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.body().path("flows").get(0).path("stages").get(0).asString())
                  .isEqualTo("m.login.password");
            });
    ObjectNode body = RawHttp.JSON.createObjectNode();
    body.putObject("auth")
        .put("type", "m.login.password")
        .put("password", "alice-pw")
        .putObject("identifier")
        .put("type", "m.id.user")
        .put("user", "alice");
    alice.call("DELETE", path, body);
    JsonNode devices = alice.call("GET", "/_matrix/client/v3/devices", null);
    assertThat(devices.path("devices").valueStream().map(d -> d.path("device_id").asString()))
        .containsExactly(alice.deviceId());
    assertThatThrownBy(() -> old.call("GET", "/_matrix/client/v3/account/whoami", null))
        .isInstanceOfSatisfying(
            MatrixCallException.class, e -> assertThat(e.status()).isEqualTo(401));
  }

  @Test
  void toDeviceSendsAreIdempotentPerTransaction() {
    TestUser bob = hs.registerUser("bob", "pw");
    String since = bob.syncOnce(java.time.Duration.ZERO).path("next_batch").asString();
    ObjectNode body = RawHttp.JSON.createObjectNode();
    body.putObject("messages").putObject(bob.userId()).putObject("*").put("n", 1);
    alice.call("PUT", "/_matrix/client/v3/sendToDevice/m.ping/same", body);
    alice.call("PUT", "/_matrix/client/v3/sendToDevice/m.ping/same", body);
    JsonNode sync = bob.call("GET", "/_matrix/client/v3/sync?timeout=0&since=" + since, null);
    assertThat(sync.path("to_device").path("events")).hasSize(1);
    assertThat(sync.path("to_device").path("events").get(0).path("type").asString())
        .isEqualTo("m.ping");
  }

  @Test
  void aToDeviceRetryAfterHalfAnHourIsDeliveredAgainAsOnSynapse() {
    TestUser bob = hs.registerUser("bob", "pw");
    String since = bob.syncOnce(java.time.Duration.ZERO).path("next_batch").asString();
    ObjectNode body = RawHttp.JSON.createObjectNode();
    body.putObject("messages").putObject(bob.userId()).putObject("*").put("n", 1);
    alice.call("PUT", "/_matrix/client/v3/sendToDevice/m.ping/late", body);
    hs.letTransactionsAge(java.time.Duration.ofMinutes(29));
    alice.call("PUT", "/_matrix/client/v3/sendToDevice/m.ping/late", body);
    hs.letTransactionsAge(java.time.Duration.ofMinutes(2));
    alice.call("PUT", "/_matrix/client/v3/sendToDevice/m.ping/late", body);

    JsonNode sync = bob.call("GET", "/_matrix/client/v3/sync?timeout=0&since=" + since, null);
    assertThat(sync.path("to_device").path("events")).as("first, then after 31 min").hasSize(2);
  }

  @Test
  void renamedDeviceKeepsItsNewName() {
    alice.call(
        "PUT",
        "/_matrix/client/v3/devices/" + alice.deviceId(),
        RawHttp.JSON.createObjectNode().put("display_name", "ChatrixCD bot"));
    JsonNode device = alice.call("GET", "/_matrix/client/v3/devices/" + alice.deviceId(), null);
    assertThat(device.path("display_name").asString()).isEqualTo("ChatrixCD bot");
  }
}
