package cd.chatrix.testkit.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class SyncEndpointsTest {
  private TwoPeopleInARoom chat;

  @BeforeEach
  void start() {
    chat = TwoPeopleInARoom.start("sync");
  }

  @AfterEach
  void stop() {
    chat.close();
  }

  private JsonNode sync(TestUser user, String query) {
    return user.call("GET", "/_matrix/client/v3/sync?" + query, null);
  }

  private static List<String> bodies(JsonNode sync, String roomId) {
    return sync.path("rooms")
        .path("join")
        .path(roomId)
        .path("timeline")
        .path("events")
        .valueStream()
        .map(e -> e.path("content").path("body").asString(""))
        .filter(b -> !b.isEmpty())
        .toList();
  }

  @Test
  void incrementalSyncReturnsOnlyEventsAfterSince() {
    chat.alice().sendText(chat.room(), "first");
    JsonNode initial = sync(chat.bob(), "timeout=0");
    assertThat(bodies(initial, chat.room())).containsExactly("first");
    chat.alice().sendText(chat.room(), "second");
    String since = initial.path("next_batch").asString();
    JsonNode next = sync(chat.bob(), "timeout=0&since=" + since);
    assertThat(bodies(next, chat.room())).containsExactly("second");
    JsonNode again = sync(chat.bob(), "timeout=0&since=" + next.path("next_batch").asString());
    assertThat(again.path("rooms").path("join").has(chat.room())).isFalse();
  }

  @Test
  void fullStateResendsTheStateButOnlyTheTimelineSinceTheToken() {
    chat.alice().sendText(chat.room(), "first");
    String since = sync(chat.bob(), "timeout=0").path("next_batch").asString();
    chat.alice().sendText(chat.room(), "second");

    JsonNode next = sync(chat.bob(), "timeout=0&full_state=true&since=" + since);

    assertThat(bodies(next, chat.room())).containsExactly("second");
    JsonNode state = next.path("rooms").path("join").path(chat.room()).path("state").path("events");
    assertThat(state.valueStream().map(e -> e.path("type").asString()))
        .contains("m.room.create", "m.room.power_levels", "m.room.member");
  }

  @Test
  void longPollWakesUpWhenAnEventArrives() throws Exception {
    String since = sync(chat.bob(), "timeout=0").path("next_batch").asString();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      CompletableFuture<JsonNode> waiting =
          CompletableFuture.supplyAsync(
              () -> sync(chat.bob(), "timeout=30000&since=" + since), executor);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() ->
              chat.homeserver().requests().stream()
                  .anyMatch(r -> r.query().contains("since=" + since)));
      chat.alice().sendText(chat.room(), "wake up");
      JsonNode woke = waiting.get(20, TimeUnit.SECONDS);
      assertThat(bodies(woke, chat.room())).containsExactly("wake up");
    }
  }

  @Test
  void longPollWithNothingNewAnswersWithTheSamePosition() {
    String since = sync(chat.bob(), "timeout=0").path("next_batch").asString();
    JsonNode empty = sync(chat.bob(), "timeout=100&since=" + since);
    assertThat(empty.path("next_batch").asString()).isEqualTo(since);
    assertThat(empty.path("rooms").path("join").isEmpty()).isTrue();
  }

  @Test
  void timelineLimitMarksLimitedAndPrevBatchPaginatesBackwards() {
    for (int i = 1; i <= 5; i++) {
      chat.alice().sendText(chat.room(), "m" + i);
    }
    JsonNode initial =
        sync(
            chat.bob(),
            "timeout=0&filter=" + TestUser.enc("{\"room\":{\"timeline\":{\"limit\":2}}}"));
    JsonNode timeline = initial.path("rooms").path("join").path(chat.room()).path("timeline");
    assertThat(bodies(initial, chat.room())).containsExactly("m4", "m5");
    assertThat(timeline.path("limited").asBoolean()).isTrue();
    JsonNode older =
        chat.bob()
            .call(
                "GET",
                "/_matrix/client/v3/rooms/"
                    + TestUser.enc(chat.room())
                    + "/messages?dir=b&limit=2&from="
                    + TestUser.enc(timeline.path("prev_batch").asString()),
                null);
    assertThat(
            older.path("chunk").valueStream().map(e -> e.path("content").path("body").asString()))
        .containsExactly("m3", "m2");
    JsonNode state =
        initial.path("rooms").path("join").path(chat.room()).path("state").path("events");
    assertThat(state.valueStream().map(e -> e.path("type").asString()))
        .contains("m.room.create", "m.room.member");
  }

  @Test
  void lazyLoadingSendsOnlyTheMembersTheTimelineNeeds() {
    TestUser carol = chat.homeserver().registerUser("carol", "pw");
    chat.alice().invite(chat.room(), carol.userId());
    carol.join(chat.room());
    chat.bob().sendText(chat.room(), "bob speaks");
    ObjectNode filter = RawHttp.JSON.createObjectNode();
    ObjectNode roomFilter = filter.putObject("room");
    roomFilter.putObject("timeline").put("limit", 1);
    roomFilter.putObject("state").put("lazy_load_members", true);
    String filterId =
        carol
            .call(
                "POST",
                "/_matrix/client/v3/user/" + TestUser.enc(carol.userId()) + "/filter",
                filter)
            .path("filter_id")
            .asString();
    JsonNode initial = sync(carol, "timeout=0&filter=" + filterId);
    assertThat(members(initial)).containsExactlyInAnyOrder(chat.bob().userId(), carol.userId());
    JsonNode summary = initial.path("rooms").path("join").path(chat.room()).path("summary");
    assertThat(summary.path("m.joined_member_count").asInt()).isEqualTo(3);

    chat.alice().sendText(chat.room(), "alice speaks");
    String since = initial.path("next_batch").asString();
    JsonNode next = sync(carol, "timeout=0&filter=" + filterId + "&since=" + since);
    assertThat(members(next)).containsExactly(chat.alice().userId());
    JsonNode retried = sync(carol, "timeout=0&filter=" + filterId + "&since=" + since);
    assertThat(members(retried))
        .as("a client retrying the same since (after a lost response) gets the members again")
        .containsExactly(chat.alice().userId());

    chat.bob().sendText(chat.room(), "bob again");
    since = next.path("next_batch").asString();
    JsonNode third = sync(carol, "timeout=0&filter=" + filterId + "&since=" + since);
    assertThat(bodies(third, chat.room())).containsExactly("bob again");
    assertThat(members(third)).as("bob's member event was already sent").isEmpty();
  }

  private List<String> members(JsonNode sync) {
    return sync.path("rooms")
        .path("join")
        .path(chat.room())
        .path("state")
        .path("events")
        .valueStream()
        .filter(e -> e.path("type").asString().equals("m.room.member"))
        .map(e -> e.path("state_key").asString())
        .toList();
  }

  @Test
  void toDeviceMessagesStayUntilAcknowledgedBySince() {
    String since = sync(chat.bob(), "timeout=0").path("next_batch").asString();
    ObjectNode body = RawHttp.JSON.createObjectNode();
    body.putObject("messages")
        .putObject(chat.bob().userId())
        .putObject(chat.bob().deviceId())
        .put("secret", "42");
    chat.alice().call("PUT", "/_matrix/client/v3/sendToDevice/m.test/txn1", body);
    JsonNode first = sync(chat.bob(), "timeout=0&since=" + since);
    assertThat(first.path("to_device").path("events")).hasSize(1);
    JsonNode message = first.path("to_device").path("events").get(0);
    assertThat(message.path("sender").asString()).isEqualTo(chat.alice().userId());
    assertThat(message.path("content").path("secret").asString()).isEqualTo("42");
    JsonNode retried = sync(chat.bob(), "timeout=0&since=" + since);
    assertThat(retried.path("to_device").path("events")).hasSize(1);
    JsonNode acknowledged =
        sync(chat.bob(), "timeout=0&since=" + first.path("next_batch").asString());
    assertThat(acknowledged.path("to_device").path("events")).isEmpty();
  }

  @Test
  void keyUploadsShowUpAsDeviceListChangesAndKeyCounts() {
    String since = sync(chat.alice(), "timeout=0").path("next_batch").asString();
    ObjectNode upload = RawHttp.JSON.createObjectNode();
    ObjectNode keys = upload.putObject("device_keys");
    keys.put("user_id", chat.bob().userId()).put("device_id", chat.bob().deviceId());
    keys.putArray("algorithms").add("m.olm.v1.curve25519-aes-sha2");
    keys.putObject("keys").put("curve25519:" + chat.bob().deviceId(), "abc");
    upload.putObject("one_time_keys").putObject("signed_curve25519:AAAA").put("key", "k1");
    chat.bob().call("POST", "/_matrix/client/v3/keys/upload", upload);

    JsonNode changes = sync(chat.alice(), "timeout=0&since=" + since);
    assertThat(changes.path("device_lists").path("changed").valueStream().map(JsonNode::asString))
        .contains(chat.bob().userId());
    JsonNode own = sync(chat.bob(), "timeout=0");
    assertThat(own.path("device_one_time_keys_count").path("signed_curve25519").asInt())
        .isEqualTo(1);
    JsonNode keyChanges =
        chat.alice()
            .call(
                "GET",
                "/_matrix/client/v3/keys/changes?from="
                    + since
                    + "&to="
                    + changes.path("next_batch").asString(),
                null);
    assertThat(keyChanges.path("changed").valueStream().map(JsonNode::asString))
        .contains(chat.bob().userId());
  }

  @Test
  void leavingUserShowsUpInDeviceListsLeft() {
    String since = sync(chat.alice(), "timeout=0").path("next_batch").asString();
    chat.bob().leave(chat.room());
    JsonNode after = sync(chat.alice(), "timeout=0&since=" + since);
    assertThat(after.path("device_lists").path("left").valueStream().map(JsonNode::asString))
        .containsExactly(chat.bob().userId());
  }

  @Test
  void rejectedInviteShowsOnlyTheUsersOwnMembership() {
    TestUser dave = chat.homeserver().registerUser("dave", "pw");
    String secretRoom =
        chat.alice().createRoom(CreateRoomOptions.named("secret").withInvitees(dave.userId()));
    String since = sync(dave, "timeout=0").path("next_batch").asString();
    chat.alice().sendText(secretRoom, "not for dave");
    dave.leave(secretRoom);
    JsonNode after = sync(dave, "timeout=0&since=" + since);
    JsonNode events =
        after.path("rooms").path("leave").path(secretRoom).path("timeline").path("events");
    assertThat(events).hasSize(1);
    assertThat(events.get(0).path("content").path("membership").asString()).isEqualTo("leave");
  }

  @Test
  void concurrentSendersAndLongPollersLoseNothing() throws Exception {
    List<TestUser> people = new java.util.ArrayList<>(List.of(chat.alice(), chat.bob()));
    for (int i = 0; i < 3; i++) {
      TestUser extra = chat.homeserver().registerUser("crowd" + i, "pw");
      chat.alice().invite(chat.room(), extra.userId());
      extra.join(chat.room());
      people.add(extra);
    }
    int perPerson = 15;
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<java.util.concurrent.Future<?>> work = new java.util.ArrayList<>();
      for (TestUser person : people) {
        work.add(
            executor.submit(() -> {
              for (int i = 0; i < perPerson; i++) {
                person.sendText(chat.room(), "burst " + person.userId() + " " + i);
              }
            }));
      }
      List<java.util.concurrent.Future<java.util.Set<String>>> readers =
          new java.util.ArrayList<>();
      for (TestUser person : people) {
        readers.add(
            executor.submit(() -> {
              java.util.Set<String> bodies = new java.util.HashSet<>();
              while (bodies.size() < people.size() * perPerson) {
                JsonNode e =
                    person.awaitEvent(
                        chat.room(),
                        ev -> ev.path("content").path("body").asString("").startsWith("burst "),
                        Duration.ofSeconds(30));
                bodies.add(e.path("content").path("body").asString());
              }
              return bodies;
            }));
      }
      for (var w : work) {
        w.get(60, TimeUnit.SECONDS);
      }
      for (var r : readers) {
        assertThat(r.get(60, TimeUnit.SECONDS)).hasSize(people.size() * perPerson);
      }
    }
  }
}
