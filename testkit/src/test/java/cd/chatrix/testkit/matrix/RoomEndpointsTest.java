package cd.chatrix.testkit.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RoomEndpointsTest {
  private static TestHomeserver hs;
  private static TestUser alice;
  private static TestUser bob;
  private static TestUser carol;

  @BeforeAll
  static void start() {
    hs = TestHomeserver.start();
    alice = hs.registerUser("alice", "pw-alice");
    bob = hs.registerUser("bob", "pw-bob");
    carol = hs.registerUser("carol", "pw-carol");
  }

  @AfterAll
  static void stop() {
    hs.close();
  }

  @Test
  void invitedUserJoinsAndBothSeeEachOthersMessages() {
    String room = alice.createRoom(CreateRoomOptions.named("ops").withInvitees(bob.userId()));
    assertThat(bob.awaitInvite(Duration.ofSeconds(5))).isEqualTo(room);
    assertThat(bob.join(room)).isEqualTo(room);
    alice.sendText(room, "hello bob");
    JsonNode seen =
        bob.awaitEvent(
            room,
            e -> e.path("content").path("body").asString("").equals("hello bob"),
            Duration.ofSeconds(5));
    assertThat(seen.path("sender").asString()).isEqualTo(alice.userId());
    bob.sendNotice(room, "hi alice");
    JsonNode back =
        alice.awaitEvent(
            room,
            e -> e.path("content").path("msgtype").asString("").equals("m.notice"),
            Duration.ofSeconds(5));
    assertThat(back.path("content").path("body").asString()).isEqualTo("hi alice");
  }

  @Test
  void uninvitedUserCannotJoinPrivateRoomButCanJoinPublicAlias() {
    String privateRoom = alice.createRoom(CreateRoomOptions.named("secret"));
    assertThatThrownBy(() -> carol.join(privateRoom))
        .isInstanceOfSatisfying(
            MatrixCallException.class, e -> assertThat(e.errcode()).isEqualTo("M_FORBIDDEN"));
    String publicRoom =
        alice.createRoom(
            CreateRoomOptions.named("lobby").withPreset("public_chat").withAlias("lobby"));
    assertThat(carol.join("#lobby:localhost")).isEqualTo(publicRoom);
    JsonNode members =
        carol.call(
            "GET",
            "/_matrix/client/v3/rooms/" + TestUser.enc(publicRoom) + "/joined_members",
            null);
    assertThat(members.path("joined").propertyNames()).contains(alice.userId(), carol.userId());
  }

  @Test
  void powerLevelsAndEncryptionAreAppliedAtCreation() {
    String room =
        alice.createRoom(
            CreateRoomOptions.named("enc")
                .withEncryption(true)
                .withInvitees(bob.userId())
                .withPowerLevel(bob.userId(), 50));
    JsonNode levels =
        alice.call(
            "GET",
            "/_matrix/client/v3/rooms/" + TestUser.enc(room) + "/state/m.room.power_levels",
            null);
    assertThat(levels.path("users").path(bob.userId()).asInt()).isEqualTo(50);
    assertThat(levels.path("users").path(alice.userId()).asInt()).isEqualTo(100);
    JsonNode encryption =
        alice.call(
            "GET",
            "/_matrix/client/v3/rooms/" + TestUser.enc(room) + "/state/m.room.encryption/",
            null);
    assertThat(encryption.path("algorithm").asString()).isEqualTo("m.megolm.v1.aes-sha2");
  }

  @Test
  void lowPowerUserCannotChangeRoomName() {
    String room = alice.createRoom(CreateRoomOptions.named("locked").withInvitees(bob.userId()));
    bob.join(room);
    assertThatThrownBy(() ->
            bob.sendState(
                room, "m.room.name", "", RawHttp.JSON.createObjectNode().put("name", "mine")))
        .isInstanceOfSatisfying(
            MatrixCallException.class, e -> assertThat(e.status()).isEqualTo(403));
    alice.sendState(
        room, "m.room.name", "", RawHttp.JSON.createObjectNode().put("name", "renamed"));
    JsonNode name =
        bob.call(
            "GET", "/_matrix/client/v3/rooms/" + TestUser.enc(room) + "/state/m.room.name", null);
    assertThat(name.path("name").asString()).isEqualTo("renamed");
  }

  @Test
  void leavingRemovesTheRoomFromJoinedRoomsAndSyncReportsLeave() {
    String room = alice.createRoom(CreateRoomOptions.named("brief").withInvitees(carol.userId()));
    carol.join(room);
    carol.syncOnce(Duration.ZERO);
    carol.leave(room);
    JsonNode sync = carol.syncOnce(Duration.ZERO);
    assertThat(sync.path("rooms").path("leave").has(room)).isTrue();
    JsonNode joined = carol.call("GET", "/_matrix/client/v3/joined_rooms", null);
    List<String> ids = joined.path("joined_rooms").valueStream().map(JsonNode::asString).toList();
    assertThat(ids).doesNotContain(room);
  }

  @Test
  void membersMayUpdateTheirOwnProfileButNotForgeMembership() {
    String room = alice.createRoom(CreateRoomOptions.named("profiles").withInvitees(bob.userId()));
    bob.join(room);
    bob.sendState(
        room,
        "m.room.member",
        bob.userId(),
        RawHttp.JSON.createObjectNode().put("membership", "join").put("displayname", "Bobby"));
    JsonNode members =
        alice.call(
            "GET", "/_matrix/client/v3/rooms/" + TestUser.enc(room) + "/joined_members", null);
    assertThat(members.path("joined").path(bob.userId()).path("display_name").asString())
        .isEqualTo("Bobby");
    assertThatThrownBy(() ->
            bob.sendState(
                room,
                "m.room.member",
                carol.userId(),
                RawHttp.JSON.createObjectNode().put("membership", "join")))
        .isInstanceOfSatisfying(
            MatrixCallException.class, e -> assertThat(e.status()).isEqualTo(403));
  }
}
