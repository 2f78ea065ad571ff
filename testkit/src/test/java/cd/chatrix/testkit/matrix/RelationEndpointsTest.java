package cd.chatrix.testkit.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class RelationEndpointsTest {
  private static TestHomeserver hs;
  private static TestUser alice;
  private static TestUser bob;
  private static String room;

  @BeforeAll
  static void start() {
    hs = TestHomeserver.start("localhost", Dialect.CURRENT); // asserts the current spec
    alice = hs.registerUser("alice", "pw");
    bob = hs.registerUser("bob", "pw");
    room = alice.createRoom(CreateRoomOptions.named("relations").withInvitees(bob.userId()));
    bob.join(room);
  }

  @AfterAll
  static void stop() {
    hs.close();
  }

  private static String base() {
    return "/_matrix/client/v1/rooms/" + TestUser.enc(room);
  }

  private static ObjectNode related(String relType, String parent, String body) {
    ObjectNode content = RawHttp.JSON.createObjectNode().put("msgtype", "m.text").put("body", body);
    content.putObject("m.relates_to").put("rel_type", relType).put("event_id", parent);
    return content;
  }

  @Test
  void reactionsAreServedAsAnnotationsAndCanBeFilteredByType() {
    String parent = alice.sendText(room, "deploy?");
    String thumbs = bob.react(room, parent, "👍");
    alice.sendEvent(room, "m.room.message", related("m.thread", parent, "in thread"));
    JsonNode annotations =
        alice.call("GET", base() + "/relations/" + TestUser.enc(parent) + "/m.annotation", null);
    assertThat(annotations.path("chunk")).hasSize(1);
    JsonNode reaction = annotations.path("chunk").get(0);
    assertThat(reaction.path("event_id").asString()).isEqualTo(thumbs);
    assertThat(reaction.path("content").path("m.relates_to").path("key").asString())
        .isEqualTo("👍");
    JsonNode all = alice.call("GET", base() + "/relations/" + TestUser.enc(parent), null);
    assertThat(all.path("chunk")).hasSize(2);
    JsonNode onlyReactions =
        alice.call(
            "GET",
            base() + "/relations/" + TestUser.enc(parent) + "/m.annotation/m.reaction",
            null);
    assertThat(onlyReactions.path("chunk")).hasSize(1);
  }

  @Test
  void editsAreBundledOnTheOriginal() {
    String original = alice.sendText(room, "typo");
    ObjectNode edit = related("m.replace", original, "* fixed");
    edit.putObject("m.new_content").put("msgtype", "m.text").put("body", "fixed");
    String editId = alice.sendEvent(room, "m.room.message", edit);
    JsonNode event =
        bob.call(
            "GET",
            "/_matrix/client/v3/rooms/" + TestUser.enc(room) + "/event/" + TestUser.enc(original),
            null);
    JsonNode bundled = event.path("unsigned").path("m.relations").path("m.replace");
    assertThat(bundled.path("event_id").asString()).isEqualTo(editId);
    assertThat(bundled.path("content").path("m.new_content").path("body").asString())
        .isEqualTo("fixed");
  }

  @Test
  void threadsAreSummarisedAndListed() {
    String root = alice.sendText(room, "root");
    bob.sendEvent(room, "m.room.message", related("m.thread", root, "reply 1"));
    String latest = bob.sendEvent(room, "m.room.message", related("m.thread", root, "reply 2"));
    JsonNode event =
        alice.call(
            "GET",
            "/_matrix/client/v3/rooms/" + TestUser.enc(room) + "/event/" + TestUser.enc(root),
            null);
    JsonNode thread = event.path("unsigned").path("m.relations").path("m.thread");
    assertThat(thread.path("count").asInt()).isEqualTo(2);
    assertThat(thread.path("latest_event").path("event_id").asString()).isEqualTo(latest);
    assertThat(thread.path("current_user_participated").asBoolean()).isTrue();
    JsonNode threads = bob.call("GET", base() + "/threads", null);
    assertThat(threads.path("chunk").get(0).path("event_id").asString()).isEqualTo(root);
  }

  @Test
  void relationsPaginateWithNextBatch() {
    String parent = alice.sendText(room, "vote");
    for (String key : new String[] {"a", "b", "c"}) {
      bob.react(room, parent, key);
    }
    String path = base() + "/relations/" + TestUser.enc(parent) + "/m.annotation?limit=2";
    JsonNode first = alice.call("GET", path, null);
    assertThat(first.path("chunk")).hasSize(2);
    assertThat(
            first.path("chunk").get(0).path("content").path("m.relates_to").path("key").asString())
        .isEqualTo("c");
    JsonNode second =
        alice.call("GET", path + "&from=" + first.path("next_batch").asString(), null);
    assertThat(second.path("chunk")).hasSize(1);
    assertThat(second.has("next_batch")).isFalse();
    assertThat(
            second.path("chunk").get(0).path("content").path("m.relates_to").path("key").asString())
        .isEqualTo("a");
  }

  @Test
  void redactedReactionDisappearsFromRelations() {
    String parent = alice.sendText(room, "retract me");
    String reaction = bob.react(room, parent, "x");
    bob.redact(room, reaction, "changed my mind");
    JsonNode annotations =
        alice.call("GET", base() + "/relations/" + TestUser.enc(parent) + "/m.annotation", null);
    assertThat(annotations.path("chunk")).isEmpty();
  }
}
