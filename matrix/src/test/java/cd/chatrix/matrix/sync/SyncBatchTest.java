package cd.chatrix.matrix.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cd.chatrix.matrix.http.Json;
import org.junit.jupiter.api.Test;

class SyncBatchTest {
  @Test
  void splitsJoinedInvitedAndLeftRooms() {
    var batch =
        SyncBatch.parse(
            Json.MAPPER.readTree(
                """
                {"next_batch":"s9",
                 "rooms":{"join":{"!a:x":{"state":{"events":[{"type":"m.room.name","state_key":"","content":{"name":"Ops"}}]},
                                           "timeline":{"events":[{"event_id":"$1","type":"m.room.message","sender":"@u:x","origin_server_ts":5,"content":{"body":"hi"}}],
                                                       "limited":true,"prev_batch":"p1"}}},
                          "invite":{"!b:x":{"invite_state":{"events":[{"type":"m.room.name","state_key":"","content":{"name":"New"}}]}}},
                          "leave":{"!c:x":{}}}}\
                """));

    assertThat(batch.nextBatch()).isEqualTo("s9");
    assertThat(batch.joined())
        .singleElement()
        .satisfies(r -> {
          assertThat(r.roomId()).isEqualTo("!a:x");
          assertThat(r.state()).hasSize(1);
          assertThat(r.timeline()).hasSize(1);
          assertThat(r.limited()).isTrue();
          assertThat(r.prevBatch()).contains("p1");
        });
    assertThat(batch.invited())
        .singleElement()
        .extracting(SyncBatch.InvitedRoom::roomId)
        .isEqualTo("!b:x");
    assertThat(batch.left()).containsExactly("!c:x");
    assertThat(batch.timelineEventCount()).isEqualTo(1);
    RoomEvent event = RoomEvent.from("!a:x", batch.joined().getFirst().timeline().getFirst(), true);
    assertThat(event.body()).isEqualTo("hi");
    assertThat(event.historic()).isTrue();
    assertThat(event.isState()).isFalse();
  }

  @Test
  void anEmptyResponseStillHasAPosition() {
    assertThat(SyncBatch.parse(Json.MAPPER.readTree("{\"next_batch\":\"s1\"}")).joined()).isEmpty();
    assertThatThrownBy(() -> SyncBatch.parse(Json.MAPPER.readTree("{}")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
