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
  private static TwoPeopleInARoom chat;

  @BeforeAll
  static void start() {
    chat = TwoPeopleInARoom.start("helpers");
  }

  @AfterAll
  static void stop() {
    chat.close();
  }

  @Test
  void awaitEventHandsOutEachMatchOnceInOrder() {
    chat.alice().sendText(chat.room(), "ping 1");
    chat.alice().sendText(chat.room(), "ping 2");
    java.util.function.Predicate<JsonNode> ping =
        e -> e.path("content").path("body").asString("").startsWith("ping");
    assertThat(
            chat.bob()
                .awaitEvent(chat.room(), ping, Duration.ofSeconds(5))
                .path("content")
                .path("body")
                .asString())
        .isEqualTo("ping 1");
    assertThat(
            chat.bob()
                .awaitEvent(chat.room(), ping, Duration.ofSeconds(5))
                .path("content")
                .path("body")
                .asString())
        .isEqualTo("ping 2");
    assertThatThrownBy(() -> chat.bob().awaitEvent(chat.room(), ping, Duration.ofMillis(200)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("ping 2");
  }

  @Test
  void editsAndThreadRepliesCarryTheirRelations() {
    String original = chat.bob().sendText(chat.room(), "deploy stagign");
    chat.bob().edit(chat.room(), original, "deploy staging");
    JsonNode edit =
        chat.alice()
            .awaitEvent(
                chat.room(),
                e ->
                    e.path("content")
                        .path("m.relates_to")
                        .path("rel_type")
                        .asString("")
                        .equals("m.replace"),
                Duration.ofSeconds(5));
    assertThat(edit.path("content").path("m.new_content").path("body").asString())
        .isEqualTo("deploy staging");
    String reply = chat.alice().sendThreadReply(chat.room(), original, "on it");
    JsonNode threaded =
        chat.bob()
            .awaitEvent(
                chat.room(),
                e -> e.path("event_id").asString().equals(reply),
                Duration.ofSeconds(5));
    assertThat(threaded.path("content").path("m.relates_to").path("event_id").asString())
        .isEqualTo(original);
  }

  @Test
  void mediaRoundTripsThroughTheHelpers() {
    byte[] bytes = "artifact".getBytes(StandardCharsets.UTF_8);
    String mxc = chat.alice().upload(bytes, "application/octet-stream", "a.bin");
    assertThat(chat.bob().download(mxc)).isEqualTo(bytes);
  }

  @Test
  void toDeviceHelperReachesTheOtherDevice() {
    String since = chat.bob().syncOnce(Duration.ZERO).path("next_batch").asString();
    chat.alice()
        .sendToDevice(
            "m.hello",
            chat.bob().userId(),
            chat.bob().deviceId(),
            RawHttp.JSON.createObjectNode().put("x", 1));
    JsonNode sync =
        chat.bob().call("GET", "/_matrix/client/v3/sync?timeout=0&since=" + since, null);
    assertThat(sync.path("to_device").path("events").get(0).path("type").asString())
        .isEqualTo("m.hello");
  }

  @Test
  void awaitEventFillsTheGapOfALimitedTimeline() {
    chat.bob().syncOnce(Duration.ZERO);
    for (int i = 0; i < 520; i++) {
      chat.alice().sendText(chat.room(), "flood " + i);
    }
    JsonNode first =
        chat.bob()
            .awaitEvent(
                chat.room(),
                e -> e.path("content").path("body").asString("").equals("flood 0"),
                Duration.ofSeconds(10));
    assertThat(first.path("sender").asString()).isEqualTo(chat.alice().userId());
  }
}
