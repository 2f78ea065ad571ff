package cd.chatrix.testkit.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class RelationEndpointsTest {
  private static TwoPeopleInARoom chat;

  @BeforeAll
  static void start() {
    chat = TwoPeopleInARoom.start("relations", Dialect.CURRENT); // asserts the current spec
  }

  @AfterAll
  static void stop() {
    chat.close();
  }

  private static String base() {
    return "/_matrix/client/v1/rooms/" + TestUser.enc(chat.room());
  }

  private static ObjectNode related(String relType, String parent, String body) {
    ObjectNode content = RawHttp.JSON.createObjectNode().put("msgtype", "m.text").put("body", body);
    content.putObject("m.relates_to").put("rel_type", relType).put("event_id", parent);
    return content;
  }

  @Test
  void reactionsAreServedAsAnnotationsAndCanBeFilteredByType() {
    String parent = chat.alice().sendText(chat.room(), "deploy?");
    String thumbs = chat.bob().react(chat.room(), parent, "👍");
    chat.alice().sendEvent(chat.room(), "m.room.message", related("m.thread", parent, "in thread"));
    JsonNode annotations =
        chat.alice()
            .call("GET", base() + "/relations/" + TestUser.enc(parent) + "/m.annotation", null);
    assertThat(annotations.path("chunk")).hasSize(1);
    JsonNode reaction = annotations.path("chunk").get(0);
    assertThat(reaction.path("event_id").asString()).isEqualTo(thumbs);
    assertThat(reaction.path("content").path("m.relates_to").path("key").asString())
        .isEqualTo("👍");
    JsonNode all = chat.alice().call("GET", base() + "/relations/" + TestUser.enc(parent), null);
    assertThat(all.path("chunk")).hasSize(2);
    JsonNode onlyReactions =
        chat.alice()
            .call(
                "GET",
                base() + "/relations/" + TestUser.enc(parent) + "/m.annotation/m.reaction",
                null);
    assertThat(onlyReactions.path("chunk")).hasSize(1);
  }

  @Test
  void editsAreBundledOnTheOriginal() {
    String original = chat.alice().sendText(chat.room(), "typo");
    ObjectNode edit = related("m.replace", original, "* fixed");
    edit.putObject("m.new_content").put("msgtype", "m.text").put("body", "fixed");
    String editId = chat.alice().sendEvent(chat.room(), "m.room.message", edit);
    JsonNode event = chat.bob().event(chat.room(), original);
    JsonNode bundled = event.path("unsigned").path("m.relations").path("m.replace");
    assertThat(bundled.path("event_id").asString()).isEqualTo(editId);
    assertThat(bundled.path("content").path("m.new_content").path("body").asString())
        .isEqualTo("fixed");
  }

  @Test
  void threadsAreSummarisedAndListed() {
    String root = chat.alice().sendText(chat.room(), "root");
    chat.bob().sendEvent(chat.room(), "m.room.message", related("m.thread", root, "reply 1"));
    String latest =
        chat.bob().sendEvent(chat.room(), "m.room.message", related("m.thread", root, "reply 2"));
    JsonNode event = chat.alice().event(chat.room(), root);
    JsonNode thread = event.path("unsigned").path("m.relations").path("m.thread");
    assertThat(thread.path("count").asInt()).isEqualTo(2);
    assertThat(thread.path("latest_event").path("event_id").asString()).isEqualTo(latest);
    assertThat(thread.path("current_user_participated").asBoolean()).isTrue();
    JsonNode threads = chat.bob().call("GET", base() + "/threads", null);
    assertThat(threads.path("chunk").get(0).path("event_id").asString()).isEqualTo(root);
  }

  @Test
  void relationsPaginateWithNextBatch() {
    String parent = chat.alice().sendText(chat.room(), "vote");
    for (String key : new String[] {"a", "b", "c"}) {
      chat.bob().react(chat.room(), parent, key);
    }
    String path = base() + "/relations/" + TestUser.enc(parent) + "/m.annotation?limit=2";
    JsonNode first = chat.alice().call("GET", path, null);
    assertThat(first.path("chunk")).hasSize(2);
    assertThat(
            first.path("chunk").get(0).path("content").path("m.relates_to").path("key").asString())
        .isEqualTo("c");
    JsonNode second =
        chat.alice().call("GET", path + "&from=" + first.path("next_batch").asString(), null);
    assertThat(second.path("chunk")).hasSize(1);
    assertThat(second.has("next_batch")).isFalse();
    assertThat(
            second.path("chunk").get(0).path("content").path("m.relates_to").path("key").asString())
        .isEqualTo("a");
  }

  @Test
  void redactedReactionDisappearsFromRelations() {
    String parent = chat.alice().sendText(chat.room(), "retract me");
    String reaction = chat.bob().react(chat.room(), parent, "x");
    chat.bob().redact(chat.room(), reaction, "changed my mind");
    JsonNode annotations =
        chat.alice()
            .call("GET", base() + "/relations/" + TestUser.enc(parent) + "/m.annotation", null);
    assertThat(annotations.path("chunk")).isEmpty();
  }
}
