package cd.chatrix.testkit.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TestUserTest {
  private static TestHomeserver hs;
  private static TestUser alice;
  private static TestUser bob;
  private static String room;

  @BeforeAll
  static void start() {
    hs = TestHomeserver.start();
    alice = hs.registerUser("alice", "pw");
    bob = hs.registerUser("bob", "pw");
    room = alice.createRoom(CreateRoomOptions.named("helpers").withInvitees(bob.userId()));
    bob.join(room);
  }

  @AfterAll
  static void stop() {
    hs.close();
  }

  @Test
  void awaitEventHandsOutEachMatchOnceInOrder() {
    alice.sendText(room, "ping 1");
    alice.sendText(room, "ping 2");
    java.util.function.Predicate<JsonNode> ping =
        e -> e.path("content").path("body").asString("").startsWith("ping");
    assertThat(
            bob.awaitEvent(room, ping, Duration.ofSeconds(5))
                .path("content")
                .path("body")
                .asString())
        .isEqualTo("ping 1");
    assertThat(
            bob.awaitEvent(room, ping, Duration.ofSeconds(5))
                .path("content")
                .path("body")
                .asString())
        .isEqualTo("ping 2");
    assertThatThrownBy(() -> bob.awaitEvent(room, ping, Duration.ofMillis(200)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("ping 2");
  }

  @Test
  void editsAndThreadRepliesCarryTheirRelations() {
    String original = bob.sendText(room, "deploy stagign");
    bob.edit(room, original, "deploy staging");
    JsonNode edit =
        alice.awaitEvent(
            room,
            e ->
                e.path("content")
                    .path("m.relates_to")
                    .path("rel_type")
                    .asString("")
                    .equals("m.replace"),
            Duration.ofSeconds(5));
    assertThat(edit.path("content").path("m.new_content").path("body").asString())
        .isEqualTo("deploy staging");
    String reply = alice.sendThreadReply(room, original, "on it");
    JsonNode threaded =
        bob.awaitEvent(
            room, e -> e.path("event_id").asString().equals(reply), Duration.ofSeconds(5));
    assertThat(threaded.path("content").path("m.relates_to").path("event_id").asString())
        .isEqualTo(original);
  }

  @Test
  void mediaRoundTripsThroughTheHelpers() {
    byte[] bytes = "artifact".getBytes(StandardCharsets.UTF_8);
    String mxc = alice.upload(bytes, "application/octet-stream", "a.bin");
    assertThat(bob.download(mxc)).isEqualTo(bytes);
  }

  @Test
  void toDeviceHelperReachesTheOtherDevice() {
    String since = bob.syncOnce(Duration.ZERO).path("next_batch").asString();
    alice.sendToDevice(
        "m.hello", bob.userId(), bob.deviceId(), RawHttp.JSON.createObjectNode().put("x", 1));
    JsonNode sync = bob.call("GET", "/_matrix/client/v3/sync?timeout=0&since=" + since, null);
    assertThat(sync.path("to_device").path("events").get(0).path("type").asString())
        .isEqualTo("m.hello");
  }

  @Test
  void awaitEventFillsTheGapOfALimitedTimeline() {
    bob.syncOnce(Duration.ZERO);
    for (int i = 0; i < 520; i++) {
      alice.sendText(room, "flood " + i);
    }
    JsonNode first =
        bob.awaitEvent(
            room,
            e -> e.path("content").path("body").asString("").equals("flood 0"),
            Duration.ofSeconds(10));
    assertThat(first.path("sender").asString()).isEqualTo(alice.userId());
  }
}
