package cd.chatrix.bot;

import static cd.chatrix.bot.fake.Harness.ALICE;
import static cd.chatrix.bot.fake.Harness.ROOM;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.bot.fake.EventSize;
import cd.chatrix.bot.fake.Harness;
import cd.chatrix.bot.fake.HtmlCheck;
import cd.chatrix.bot.fake.LogCapture;
import cd.chatrix.bot.port.RoomInfo;
import cd.chatrix.bot.port.TaskInfo;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.port.TaskState;
import cd.chatrix.bot.text.Echo;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One test per defect the generated bad-input test ({@link HostileInputTest}) found: each gets a
 * friendly answer that fits an event, and nothing reaches the bot's catch-all or its ERROR log.
 */
class BadInputRepliesTest {
  private final Harness h = new Harness();
  private final LogCapture log = new LogCapture(false);

  @AfterEach
  void nothingWentWrongOnTheBotsSide() {
    log.close();
    assertThat(log.errors()).as("ERRORs logged").isEmpty();
    for (var s : h.chat.sent) {
      assertThat(s.body()).doesNotContain("Something went wrong");
      boolean encrypted = h.chat.roomInfo(s.roomId()).map(RoomInfo::encrypted).orElse(true);
      assertThat(EventSize.send(s.roomId(), s.message(), encrypted))
          .isLessThanOrEqualTo(EventSize.MAX_EVENT);
      assertThat(HtmlCheck.problem(s.html())).isEmpty();
    }
    for (var e : h.chat.edits) {
      boolean encrypted = h.chat.roomInfo(e.roomId()).map(RoomInfo::encrypted).orElse(true);
      assertThat(EventSize.edit(e.roomId(), e.eventId(), e.message(), encrypted))
          .isLessThanOrEqualTo(EventSize.MAX_EVENT);
    }
  }

  private String answer(String command) {
    h.say(ALICE, command);
    return h.lastBody();
  }

  /** The burst on a real homeserver: NumberFormatException out of Resolver. */
  @Test
  void templatesWithATwentyDigitProjectIdSaysTooLarge() {
    assertThat(answer("!cd templates 99999999999999999999"))
        .contains("Project id 99999999999999999999 is too large (max 2147483647)");
    assertThat(answer("!cd templates 0")).contains("Project id 0 is too small (min 1)");
    assertThat(answer("!cd templates #1")).contains("Deploy web");
  }

  @Test
  void runSubscribeAndUnsubscribeRefuseIdsOutOfRange() {
    h.runner.project(2, "Apps");
    assertThat(answer("!cd run 9223372036854775808 5"))
        .contains("Project id 9223372036854775808 is too large (max 2147483647)");
    assertThat(answer("!cd subscribe 99999999999999999999")).contains("too large (max 2147483647)");
    assertThat(answer("!cd unsubscribe 99999999999999999999 1"))
        .contains("too large (max 2147483647)");
    assertThat(answer("!cd subscribe 1 99999999999999999999"))
        .contains("Template id 99999999999999999999 is too large (max 2147483647)");
    assertThat(h.runner.started).isEmpty();
  }

  @Test
  void everyTaskCommandRefusesTaskIdsOutOfRange() {
    for (String command : List.of("status", "logs", "stop", "confirm", "reject")) {
      assertThat(answer("!cd " + command + " 9223372036854775808"))
          .as(command)
          .contains("Task id 9223372036854775808 is too large (max 2147483647)");
      assertThat(answer("!cd " + command + " 1/99999999999999999999"))
          .as(command)
          .contains("Task id 99999999999999999999 is too large (max 2147483647)");
      assertThat(answer("!cd " + command + " 99999999999999999999/1"))
          .as(command)
          .contains("Project id 99999999999999999999 is too large");
      assertThat(answer("!cd " + command + " 0"))
          .as(command)
          .contains("Task id 0 is too small (min 1)");
      assertThat(answer("!cd " + command + " -5")).as(command).contains("too small (min 1)");
    }
    assertThat(h.runner.stopped).isEmpty();
  }

  @Test
  void countsSayWhatIsAllowed() {
    h.runner.addTask(TaskInfo.of(new TaskRef(1, 77), 5, TaskState.SUCCESS));
    h.runner.print(new TaskRef(1, 77), "one", "two");
    assertThat(answer("!cd logs 77 --tail 99999999999999999999"))
        .contains("--tail 99999999999999999999 is too large (max 1000000)");
    assertThat(answer("!cd logs 77 --tail=0")).contains("--tail 0 is too small (min 1)");
    assertThat(answer("!cd logs 77 --tail=1")).contains("two").doesNotContain("one");
    assertThat(answer("!cd audit 1000")).contains("N 1000 is too large (max 999)");
    assertThat(answer("!cd audit -1")).contains("N -1 is too small (min 1)");
  }

  /** The burst on a real homeserver: a 30 KB command echoed back made an event too large. */
  @Test
  void aThirtyKilobyteCommandGetsAnAnswerThatFitsAnEvent() {
    assertThat(answer("!cd " + "<".repeat(30_000)))
        .contains("30000 characters long")
        .contains("up to 10000");
    String word = "\u202e<script>" + "x".repeat(9_000);
    String reply = answer("!cd " + word);
    assertThat(reply).contains("I don't know \"\ufffd<script>xxx").contains("…\"");
    assertThat(reply.length()).isLessThan(300);
    assertThat(h.last().html()).contains("&lt;script&gt;").doesNotContain("<script>");
  }

  @Test
  void everyKindOfEchoIsCut() {
    String big = "y".repeat(5_000);
    assertThat(answer("!cd run --" + big)).contains("Unknown option --yyy").contains("…");
    assertThat(answer("!cd templates " + big)).contains("No project matches \"yyy").contains("…\"");
    assertThat(answer("!cd status " + big)).contains("is not a task id");
    assertThat(answer("!cd help " + big)).contains("There is no command \"yyy");
    assertThat(answer("!cd aliases " + big)).contains("Unknown action \"yyy");
    assertThat(answer("!cd run 1 5 --env " + big)).contains("--env takes KEY=VALUE");
    for (var s : h.chat.sent) {
      assertThat(s.body().length()).as(s.body()).isLessThan(1_000);
    }
  }

  @Test
  void aRunPromptShowsLongOptionsCutAndTheirExpiryEditFits() {
    h.say(ALICE, "!cd run 1 5 --tags=" + "<".repeat(9_000));
    assertThat(h.lastBody()).contains("Run Deploy web").contains("tags=<<<").contains("…");
    assertThat(h.lastBody().length()).isLessThan(1_000);
    h.clock.advance(Duration.ofMinutes(10));
    h.bot.tick();
    assertThat(h.chat.edits).isNotEmpty();
    assertThat(h.chat.edits.getLast().message().body()).contains("Expired").contains("<<<…");
  }

  @Test
  void aReplyTooLargeForAnEventIsShortenedNotLost() {
    h.runner.project(2, "n".repeat(200));
    for (int i = 0; i < 400; i++) {
      h.runner.template(
          2, 100 + i, "template " + "<&>".repeat(60) + i, cd.chatrix.bot.port.Overrides.NONE);
    }
    String reply = answer("!cd templates 2");
    assertThat(reply).startsWith("Templates of").endsWith("the rest was too long for one message)");
    assertThat(h.last().html()).endsWith("the rest was too long for one message)");
  }

  @Test
  void loneSurrogatesNeverReachAnEvent() {
    answer("!cd deploy\ud800 \udc00");
    assertThat(Echo.wellFormed(h.lastBody())).isTrue();
    assertThat(Echo.wellFormed(h.last().html())).isTrue();
    assertThat(h.lastBody()).contains("I don't know \"deploy\ufffd\"");
  }

  @Test
  void aTaskMessageLongerThanSemaphoreKeepsIsRefusedBeforeAsking() {
    assertThat(answer("!cd run 1 5 --message \"" + "w".repeat(240) + "\""))
        .contains("--message is")
        .contains("characters too long: Semaphore keeps 250");
    assertThat(h.stores.confirmations().all()).isEmpty();
    assertThat(answer("!cd run 1 5 --message \"hotfix\"")).contains("Run Deploy web");
    // Without --message the note alone is kept, cut if a very long user id needs it.
    String longId = "@" + "l".repeat(250) + ":example.org";
    h.say(longId, "!cd run 1 6");
    h.say(longId, "yes");
    assertThat(h.runner.started).hasSize(1);
    assertThat(h.runner.started.getFirst().message()).hasSize(250).startsWith("From chat by @lll");
  }

  @Test
  void roomsAndUsersMustLookLikeMatrixIds() {
    assertThat(answer("!cd rooms join " + "r".repeat(300)))
        .contains("is not a room; give its id like !abc:example.org");
    assertThat(answer("!cd rooms join !" + "r".repeat(300) + ":example.org"))
        .contains("is not a room");
    assertThat(h.chat.joined).containsExactly(ROOM);
    assertThat(answer("!cd rooms wave !x:example.org")).contains("Unknown action \"wave\"");
  }

  @Test
  void anAliasStandsForAtMostTwoThousandCharacters() {
    assertThat(answer("!cd aliases add big run 1 5 --message " + "m".repeat(2_000)))
        .contains("An alias stands for at most 2000 characters of command");
    assertThat(h.stores.aliases().load()).isEmpty();
  }

  @Test
  void aliasTargetsShowControlsAndBidiOverridesAsSymbols() {
    assertThat(answer("!cd aliases add rtl run 1 5 --message '\u202eevil\u0007'"))
        .contains("Saved")
        .contains("\ufffdevil\u2407")
        .doesNotContain("\u202e");
    assertThat(answer("!cd aliases")).contains("rtl").doesNotContain("\u202e");
    assertThat(answer("!cd help rtl")).contains("shortcut").doesNotContain("\u202e");
  }

  @Test
  void displayNamesInGreetingsAreCapped() {
    h.bot.onMessage(
        new IncomingMessage(
            ROOM,
            "$help",
            ALICE,
            "<b>" + "n".repeat(20_000),
            "!cd help",
            h.clock.instant(),
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            SenderTrust.TRUSTED));
    assertThat(h.lastBody()).contains("n".repeat(200)).doesNotContain("n".repeat(300));
  }
}
