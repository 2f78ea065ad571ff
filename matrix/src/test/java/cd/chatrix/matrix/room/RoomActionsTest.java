package cd.chatrix.matrix.room;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.matrix.http.FixedToken;
import cd.chatrix.matrix.http.Transports;
import cd.chatrix.matrix.testing.FakeHttpServer;
import cd.chatrix.matrix.testing.FakeHttpServer.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoomActionsTest {
  private final FakeHttpServer hs = new FakeHttpServer();
  private final Transports transports = Transports.standard();
  private final RoomActions actions =
      new RoomActions(transports.authenticated(hs.baseUri(), new FixedToken("t")));

  @AfterEach
  void close() {
    transports.close();
    hs.close();
  }

  @Test
  void joinsByAliasAndReturnsTheRoomId() {
    hs.route(
        "POST /_matrix/client/v3/join/%23ops%3Ax", r -> Reply.json(200, "{\"room_id\":\"!r:x\"}"));
    assertThat(actions.join("#ops:x")).isEqualTo("!r:x");
  }

  @Test
  void readsJoinedMembersWithDisplayNames() {
    hs.route(
        "GET /_matrix/client/v3/rooms/%21r%3Ax/joined_members",
        r -> Reply.json(200, "{\"joined\":{\"@a:x\":{\"display_name\":\"Alice\"},\"@b:x\":{}}}"));
    var members = actions.joinedMembers("!r:x");
    assertThat(members.get("@a:x").label()).isEqualTo("Alice");
    assertThat(members.get("@b:x").label()).isEqualTo("@b:x");
  }

  @Test
  void asksTheServerWhetherARoomIsEncrypted() {
    hs.route(
        "GET /_matrix/client/v3/rooms/%21e%3Ax/state/m.room.encryption/",
        r -> Reply.json(200, "{\"algorithm\":\"m.megolm.v1.aes-sha2\"}"));
    hs.route(
        "GET /_matrix/client/v3/rooms/%21p%3Ax/state/m.room.encryption/",
        r -> Reply.json(404, "{\"errcode\":\"M_NOT_FOUND\"}"));
    assertThat(actions.isEncrypted("!e:x")).isTrue();
    assertThat(actions.isEncrypted("!p:x")).isFalse();
  }

  @Test
  void aProxysNotFoundIsNoProofThatARoomIsClearText() {
    hs.route(
        "GET /_matrix/client/v3/rooms/%21e%3Ax/state/m.room.encryption/",
        r -> Reply.json(404, "{\"errcode\":\"M_UNRECOGNIZED\",\"error\":\"Unrecognized\"}"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> actions.isEncrypted("!e:x"))
        .as("sending clear text into a room that may be encrypted must not happen")
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void sendsReceiptsAndTyping() {
    hs.route("POST /_matrix/client/v3/rooms/*", r -> Reply.json(200, "{}"));
    hs.route("PUT /_matrix/client/v3/rooms/*", r -> Reply.json(200, "{}"));

    actions.markRead("!r:x", "$e");
    actions.typing("!r:x", "@bot:x", true, Duration.ofSeconds(20));

    assertThat(hs.requests().get(0).path())
        .isEqualTo("/_matrix/client/v3/rooms/%21r%3Ax/receipt/m.read/%24e");
    assertThat(hs.requests().get(1).path())
        .isEqualTo("/_matrix/client/v3/rooms/%21r%3Ax/typing/%40bot%3Ax");
    assertThat(hs.requests().get(1).body())
        .contains("\"typing\":true")
        .contains("\"timeout\":20000");
  }
}
