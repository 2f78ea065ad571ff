package cd.chatrix.matrix.send;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageContentTest {
  @Test
  void noticeWithHtmlAndExplicitMentions() {
    var c = MessageContent.notice("done").html("<b>done</b>").mention("@a:x").build();
    assertThat(c.toString())
        .isEqualTo(
            "{\"msgtype\":\"m.notice\",\"body\":\"done\",\"format\":\"org.matrix.custom.html\","
                + "\"formatted_body\":\"<b>done</b>\",\"m.mentions\":{\"user_ids\":[\"@a:x\"]}}");
  }

  @Test
  void plainTextStillDeclaresNoMentions() {
    assertThat(MessageContent.text("hi").build().path("m.mentions").isEmpty()).isTrue();
    assertThat(MessageContent.text("hi").build().has("m.mentions")).isTrue();
  }

  @Test
  void replyPointsAtTheEventAndMentionsItsSender() {
    var c = MessageContent.text("ok").replyTo("$e", "@u:x").build();
    assertThat(c.at("/m.relates_to/m.in_reply_to/event_id").asString()).isEqualTo("$e");
    assertThat(c.at("/m.mentions/user_ids/0").asString()).isEqualTo("@u:x");
  }

  @Test
  void threadMessageFallsBackToTheLatestEvent() {
    var c = MessageContent.text("step 2").inThread("$root", "$latest").build();
    var rel = c.path("m.relates_to");
    assertThat(rel.path("rel_type").asString()).isEqualTo("m.thread");
    assertThat(rel.path("event_id").asString()).isEqualTo("$root");
    assertThat(rel.path("is_falling_back").asBoolean()).isTrue();
    assertThat(rel.at("/m.in_reply_to/event_id").asString()).isEqualTo("$latest");
  }

  @Test
  void realReplyInsideAThreadIsNotAFallback() {
    var c = MessageContent.text("re").inThread("$root", "$latest").replyTo("$x", "@u:x").build();
    assertThat(c.at("/m.relates_to/is_falling_back").asBoolean()).isFalse();
    assertThat(c.at("/m.relates_to/m.in_reply_to/event_id").asString()).isEqualTo("$x");
  }

  @Test
  void editCarriesNewContentAndAStarredFallback() {
    var c = MessageContent.notice("Task 5: success").html("<b>success</b>").buildEditOf("$orig");
    assertThat(c.path("body").asString()).isEqualTo("* Task 5: success");
    assertThat(c.at("/m.new_content/body").asString()).isEqualTo("Task 5: success");
    assertThat(c.at("/m.new_content/formatted_body").asString()).isEqualTo("<b>success</b>");
    assertThat(c.at("/m.relates_to/rel_type").asString()).isEqualTo("m.replace");
    assertThat(c.at("/m.relates_to/event_id").asString()).isEqualTo("$orig");
    assertThat(c.at("/m.new_content/m.relates_to").isMissingNode()).isTrue();
  }

  @Test
  void reactionIsAnAnnotation() {
    var c = MessageContent.reaction("$e", "👍");
    assertThat(c.at("/m.relates_to/rel_type").asString()).isEqualTo("m.annotation");
    assertThat(c.at("/m.relates_to/key").asString()).isEqualTo("👍");
  }
}
