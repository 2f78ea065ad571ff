package cd.chatrix.testkit.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TestHomeserverTest {
  @Test
  void serverNameShapesIdsAndBaseUriIsLoopback() {
    try (TestHomeserver hs = TestHomeserver.start("chat.example")) {
      assertThat(hs.serverName()).isEqualTo("chat.example");
      assertThat(hs.baseUri().getHost()).isEqualTo("127.0.0.1");
      TestUser user = hs.registerUser("ops", "pw");
      assertThat(user.userId()).isEqualTo("@ops:chat.example");
      assertThat(user.deviceId()).isNotEmpty();
      String room = user.createRoom(CreateRoomOptions.defaults());
      assertThat(room).startsWith("!").endsWith(":chat.example");
    }
  }

  @Test
  void registeringATakenNameFails() {
    try (TestHomeserver hs = TestHomeserver.start()) {
      hs.registerUser("dup", "pw");
      assertThatThrownBy(() -> hs.registerUser("dup", "pw"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("already registered");
      assertThatThrownBy(() -> hs.issueLoginToken("@nobody:localhost"))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void closingTheServerEndsWaitingLongPolls() throws Exception {
    TestHomeserver hs = TestHomeserver.start();
    TestUser user = hs.registerUser("poller", "pw");
    String since = user.syncOnce(Duration.ZERO).path("next_batch").asString();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      CompletableFuture<Object> poll =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return user.call(
                      "GET", "/_matrix/client/v3/sync?timeout=60000&since=" + since, null);
                } catch (RuntimeException e) {
                  return e;
                }
              },
              executor);
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> hs.requests().stream().anyMatch(r -> r.query().contains("since=")));
      hs.close();
      assertThat(poll.get(20, TimeUnit.SECONDS)).isNotNull();
    }
  }

  @Test
  void seededRoomsArriveInTheMembersInitialSync() {
    try (TestHomeserver hs = TestHomeserver.start()) {
      TestUser owner = hs.registerUser("owner", "pw");
      TestUser bot = hs.registerUser("bot", "pw");
      java.util.List<String> rooms =
          hs.seedRooms(owner.userId(), java.util.List.of(bot.userId()), 20, 30);
      assertThat(rooms).hasSize(20);
      var sync =
          bot.call(
              "GET",
              "/_matrix/client/v3/sync?timeout=0&filter="
                  + TestUser.enc("{\"room\":{\"timeline\":{\"limit\":100}}}"),
              null);
      assertThat(sync.path("rooms").path("join").propertyNames())
          .containsExactlyInAnyOrderElementsOf(rooms);
      var timeline =
          sync.path("rooms").path("join").path(rooms.getFirst()).path("timeline").path("events");
      assertThat(
              timeline
                  .valueStream()
                  .filter(e -> e.path("type").asString().equals("m.room.message")))
          .hasSize(30);
      assertThat(owner.timeline(rooms.getLast()).getLast().path("content").path("body").asString())
          .isEqualTo("message 29");
    }
  }
}
