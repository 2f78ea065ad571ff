package cd.chatrix.bot.text;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.bot.fake.HtmlCheck;
import org.junit.jupiter.api.Test;

class ReplyTest {
  @Test
  void everyPieceIsEscapedOnceInHtmlAndKeptAsIsInPlainText() {
    var r =
        Reply.text("<a href=javascript:x>&")
            .bold("\"b\"")
            .code("<c>")
            .user("@<u>:x")
            .nl()
            .pre("<p>", "&lt;p&gt;");
    assertThat(r.plain()).isEqualTo("<a href=javascript:x>&\"b\"`<c>`@<u>:x\n<p>");
    assertThat(r.html())
        .startsWith("&lt;a href=javascript:x&gt;&amp;<strong>&quot;b&quot;</strong>")
        .contains("<code>&lt;c&gt;</code>")
        .contains("<a href=\"https://matrix.to/#/@&lt;u&gt;:x\">@&lt;u&gt;:x</a>");
    assertThat(HtmlCheck.problem(r.html())).isEmpty();
  }

  @Test
  void aReplyThatFitsIsLeftAlone() {
    var r = Reply.text("short").bold("reply");
    assertThat(r.fitted(1_000)).isSameAs(r);
  }

  @Test
  void aTooLargeReplyIsCutInsideATextPieceAndSaysSo() {
    var r = Reply.text("I don't know ").code("<".repeat(50_000)).add(" at all.");
    var fitted = r.fitted(10_000);
    assertThat(fitted.wireBytes()).isLessThanOrEqualTo(10_000);
    assertThat(fitted.plain())
        .startsWith("I don't know `<<<")
        .endsWith("the rest was too long for one message)");
    assertThat(fitted.html()).contains("<code>&lt;&lt;").contains("…</code>");
    assertThat(HtmlCheck.problem(fitted.html())).isEmpty();
  }

  @Test
  void aCutNeverSplitsAnEntityOrATag() {
    for (int budget = 120; budget < 400; budget += 7) {
      var fitted =
          Reply.text("&&&&&&&&&&")
              .bold("\"".repeat(100))
              .color("#cc0000", "<>".repeat(100))
              .fitted(budget);
      assertThat(fitted.wireBytes()).as("budget %d", budget).isLessThanOrEqualTo(budget);
      assertThat(HtmlCheck.problem(fitted.html())).as("budget %d", budget).isEmpty();
    }
  }

  @Test
  void piecesThatCannotBeCutAreLeftOutWithTheirMentions() {
    var r =
        Reply.create()
            .mention("@alice:example.org", "Alice")
            .add(": ")
            .add("x".repeat(200))
            .mention("@bob:example.org", "Bob");
    var fitted = r.fitted(300);
    assertThat(fitted.mentions()).containsExactly("@alice:example.org");
    assertThat(fitted.plain()).doesNotContain("Bob");
  }

  @Test
  void loneSurrogatesAreReplacedOnTheWayIn() {
    var r = Reply.text("a\ud800").code("\udc00b").pre("\ud800", "\ud800");
    assertThat(Echo.wellFormed(r.plain())).isTrue();
    assertThat(Echo.wellFormed(r.html())).isTrue();
    assertThat(r.plain()).contains("a\ufffd");
  }
}
