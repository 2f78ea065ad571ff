package cd.chatrix.testkit.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class KeyBackupEndpointsTest {
  private static final String BACKUP = "/_matrix/client/v3/room_keys/";

  private TestHomeserver hs;
  private TestUser alice;

  @BeforeEach
  void start() {
    hs = TestHomeserver.start();
    alice = hs.registerUser("alice", "pw");
  }

  @AfterEach
  void stop() {
    hs.close();
  }

  private String createVersion() {
    ObjectNode body =
        RawHttp.JSON.createObjectNode().put("algorithm", "m.megolm_backup.v1.curve25519-aes-sha2");
    body.putObject("auth_data").put("public_key", "pk");
    return alice.call("POST", BACKUP + "version", body).path("version").asString();
  }

  private static ObjectNode sessionKey(int firstIndex, String data) {
    ObjectNode key = RawHttp.JSON.createObjectNode();
    key.put("first_message_index", firstIndex).put("forwarded_count", 0).put("is_verified", false);
    key.putObject("session_data").put("ciphertext", data);
    return key;
  }

  @Test
  void keysRoundTripAndBetterKeysWin() {
    String version = createVersion();
    String path = BACKUP + "keys/%21room%3Alocalhost/SESSION?version=" + version;
    JsonNode stored = alice.call("PUT", path, sessionKey(5, "later"));
    assertThat(stored.path("count").asInt()).isEqualTo(1);
    alice.call("PUT", path, sessionKey(0, "earliest"));
    alice.call("PUT", path, sessionKey(3, "worse"));
    JsonNode all = alice.call("GET", BACKUP + "keys?version=" + version, null);
    assertThat(
            all.path("rooms")
                .path("!room:localhost")
                .path("sessions")
                .path("SESSION")
                .path("session_data")
                .path("ciphertext")
                .asString())
        .isEqualTo("earliest");
    JsonNode latest = alice.call("GET", BACKUP + "version", null);
    assertThat(latest.path("version").asString()).isEqualTo(version);
    assertThat(latest.path("count").asInt()).isEqualTo(1);
  }

  @Test
  void writingToAnOldVersionNamesTheCurrentOne() {
    String old = createVersion();
    String current = createVersion();
    assertThatThrownBy(() ->
            alice.call(
                "PUT", BACKUP + "keys/%21r%3Alocalhost/S?version=" + old, sessionKey(0, "x")))
        .isInstanceOfSatisfying(
            MatrixCallException.class,
            e -> {
              assertThat(e.errcode()).isEqualTo("M_WRONG_ROOM_KEYS_VERSION");
              assertThat(e.body().path("current_version").asString()).isEqualTo(current);
            });
  }

  @Test
  void noBackupIsNotFound() {
    assertThatThrownBy(() -> alice.call("GET", BACKUP + "version", null))
        .isInstanceOfSatisfying(
            MatrixCallException.class, e -> assertThat(e.errcode()).isEqualTo("M_NOT_FOUND"));
  }
}
