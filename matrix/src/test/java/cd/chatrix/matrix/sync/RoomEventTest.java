package cd.chatrix.matrix.sync;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.matrix.http.Json;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoomEventTest {
  private static RoomEvent event(String json) {
    return RoomEvent.from("!r:x", Json.MAPPER.readTree(json), false);
  }

  @Test
  void readsAReactionKey() {
    RoomEvent reaction =
        event(
            """
            {"event_id":"$r","type":"m.reaction","sender":"@u:x",
             "content":{"m.relates_to":{"rel_type":"m.annotation","event_id":"$confirm","key":"👍"}}}\
            """);
    assertThat(reaction.relation())
        .contains(new RoomEvent.Relation("m.annotation", "$confirm", Optional.of("👍")));
    assertThat(reaction.inReplyTo()).isEmpty();
  }

  @Test
  void tellsRealRepliesFromThreadFallbacks() {
    RoomEvent fallback =
        event(
            """
            {"event_id":"$t","type":"m.room.message","content":{"body":"x","m.relates_to":{
              "rel_type":"m.thread","event_id":"$root","is_falling_back":true,"m.in_reply_to":{"event_id":"$last"}}}}\
            """);
    RoomEvent reply =
        event(
            """
            {"event_id":"$p","type":"m.room.message","content":{"body":"y","m.relates_to":{
              "m.in_reply_to":{"event_id":"$q"}}}}\
            """);
    assertThat(fallback.threadRoot()).contains("$root");
    assertThat(fallback.inReplyTo()).isEmpty();
    assertThat(reply.inReplyTo()).contains("$q");
    assertThat(reply.relation()).isEmpty();
  }

  @Test
  void readsIntentionalMentionsOnly() {
    RoomEvent e =
        event(
            """
            {"event_id":"$m","type":"m.room.message","content":{"body":"@bot:x hi","m.mentions":{"user_ids":["@bot:x"]}}}\
            """);
    RoomEvent bodyOnly =
        event(
            """
            {"event_id":"$n","type":"m.room.message","content":{"body":"@bot:x hi"}}\
            """);
    assertThat(e.mentions("@bot:x")).isTrue();
    assertThat(bodyOnly.mentions("@bot:x")).isFalse();
  }

  @Test
  void findsTheRedactedEventInEitherPlace() {
    assertThat(
            event(
                    "{\"event_id\":\"$x\",\"type\":\"m.room.redaction\",\"redacts\":\"$old\",\"content\":{}}")
                .redacts())
        .contains("$old");
    assertThat(
            event(
                    "{\"event_id\":\"$x\",\"type\":\"m.room.redaction\",\"content\":{\"redacts\":\"$v11\"}}")
                .redacts())
        .contains("$v11");
  }
}
