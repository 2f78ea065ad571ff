package cd.chatrix.app.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cd.chatrix.matrix.sync.RoomEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class LateEventsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static RoomEvent event(String room, String id) {
    var content = JSON.createObjectNode().put("body", id);
    return new RoomEvent(
        room, id, "m.room.message", "@a:x", 0, Optional.empty(), content, content, false);
  }

  @Test
  void eachEventReachesEveryHandlerOnceInRoomOrder() {
    List<String> first = new CopyOnWriteArrayList<>();
    List<String> second = new CopyOnWriteArrayList<>();
    try (LateEvents late = new LateEvents()) {
      late.addHandler(e -> first.add(e.roomId() + e.eventId()));
      late.addHandler(e -> second.add(e.eventId()));
      late.submit(event("!a", "$1"));
      late.submit(event("!a", "$2"));
      late.submit(event("!a", "$1"));
      late.submit(event("!b", "$3"));
      await().atMost(Duration.ofSeconds(10)).until(() -> second.size() == 3);
    }
    assertThat(first).containsSubsequence("!a$1", "!a$2").contains("!b$3").hasSize(3);
    assertThat(second).containsExactlyInAnyOrder("$1", "$2", "$3");
  }

  @Test
  void aFailingHandlerDoesNotStopTheOthers() {
    List<String> seen = new CopyOnWriteArrayList<>();
    try (LateEvents late = new LateEvents()) {
      late.addHandler(e -> {
        throw new IllegalStateException("boom");
      });
      late.addHandler(e -> seen.add(e.eventId()));
      late.submit(event("!a", "$1"));
      await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("$1"));
    }
  }
}
