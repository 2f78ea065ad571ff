package cd.chatrix.bot;

import static cd.chatrix.bot.fake.Harness.ALICE;
import static cd.chatrix.bot.fake.Harness.BOB;
import static cd.chatrix.bot.fake.Harness.ROOM;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.bot.fake.Harness;
import cd.chatrix.bot.policy.InviteVerdict;
import cd.chatrix.bot.port.Overrides;
import cd.chatrix.bot.port.Relation;
import cd.chatrix.bot.port.RoomInfo;
import cd.chatrix.bot.port.TaskInfo;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.port.TaskState;
import cd.chatrix.bot.port.Template;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandsTest {
  private final Harness h = new Harness();

  private void adminsAre(String... admins) {
    h.settings.set(h.settings.get().withAccess(Set.of(), Set.of(admins), false));
  }

  @Test
  void everyReplyIsANoticeThreadedToTheCommandWithHtml() {
    String cmd = h.say(ALICE, "!cd projects");
    var reply = h.last();
    assertThat(reply.message().relation()).contains(new Relation.Reply(cmd));
    assertThat(reply.html()).contains("<strong>Infra</strong>");
    assertThat(reply.body()).contains("Infra (id 1)");
  }

  @Test
  void replyStaysInTheCommandsThread() {
    h.bot.onMessage(
        new IncomingMessage(
            ROOM,
            "$t2",
            ALICE,
            ALICE,
            "!cd ping",
            h.clock.instant(),
            Optional.of("$root"),
            Optional.empty(),
            SenderTrust.TRUSTED));
    assertThat(h.last().message().relation()).contains(new Relation.Thread("$root", "$t2"));
  }

  @Test
  void prefixNeedsAWordBoundary() {
    h.say(ALICE, "!cdfoo");
    h.say(ALICE, "!cdhelp");
    h.say(ALICE, "say !cd help");
    assertThat(h.chat.sent).isEmpty();
    h.say(ALICE, "!cd");
    assertThat(h.lastBody()).contains("!cd run");
  }

  @Test
  void typoGetsTheNearestCommand() {
    h.say(ALICE, "!cd stauts 4");
    assertThat(h.lastBody()).contains("Did you mean").contains("!cd status");
    h.say(ALICE, "!cd xyzzy");
    assertThat(h.lastBody()).doesNotContain("Did you mean").contains("!cd help");
  }

  @Test
  void helpIsFilteredToWhatTheUserMayRun() {
    adminsAre(BOB);
    h.policy(Harness.viewers(ALICE));
    h.say(ALICE, "!cd help");
    assertThat(h.lastBody())
        .contains("!cd projects")
        .contains("!cd status")
        .doesNotContain("!cd run")
        .doesNotContain("!cd exit")
        .doesNotContain("pet");
    h.say(BOB, "!cd help");
    assertThat(h.lastBody()).contains("!cd run").contains("!cd exit").contains("!cd audit");
  }

  @Test
  void helpForOneCommand() {
    h.say(ALICE, "!cd help run");
    assertThat(h.lastBody())
        .contains("!cd run [project] [template]")
        .contains("--skip-tags")
        .contains("operator");
    h.say(ALICE, "!cd help stp");
    assertThat(h.lastBody()).contains("Did you mean stop");
  }

  @Test
  void missingArgumentSaysTheSyntax() {
    h.runner.project(2, "Apps");
    h.say(ALICE, "!cd templates");
    assertThat(h.lastBody()).contains("Syntax: !cd templates [project]");
    // run offers what it lacks as a numbered list instead (GuidedPickTest).
    h.say(ALICE, "!cd run");
    assertThat(h.lastBody())
        .contains("Which project?")
        .contains("2) Apps (2)")
        .contains("Answer with the number");
  }

  @Test
  void templatesAutoSelectTheOnlyProjectAndResolveByNamePrefix() {
    h.say(ALICE, "!cd templates");
    assertThat(h.lastBody()).contains("Deploy web").contains("Backup db");
    h.runner.project(2, "Infra-legacy");
    h.say(ALICE, "!cd templates inf");
    assertThat(h.lastBody()).contains("several").contains("Infra (1)").contains("Infra-legacy (2)");
    h.say(ALICE, "!cd templates INFRA");
    assertThat(h.lastBody()).contains("Templates of Infra:");
    h.say(ALICE, "!cd templates nope");
    assertThat(h.lastBody()).contains("No project matches").contains("!cd projects");
  }

  @Test
  void templateNamesAreHtmlEscaped() {
    h.runner.template(
        new Template(
            9, 1, "<img src=x onerror=alert(1)>", "a & b", "ansible", Overrides.ALL, List.of()));
    h.say(ALICE, "!cd templates 1");
    var reply = h.last();
    assertThat(reply.html())
        .doesNotContain("<img")
        .contains("&lt;img src=x onerror=alert(1)&gt;")
        .contains("a &amp; b");
    assertThat(reply.body()).contains("<img src=x onerror=alert(1)>");
    h.say(ALICE, "!cd run 1 9");
    assertThat(h.last().html()).doesNotContain("<img");
  }

  @Test
  void statusOfTheRoomsLastTask() {
    h.say(ALICE, "!cd status");
    assertThat(h.lastBody()).contains("No task has run from this room yet");
    h.say(ALICE, "!cd run 1 5");
    h.say(ALICE, "yes");
    h.say(ALICE, "!cd status");
    assertThat(h.lastBody())
        .contains("#101")
        .contains("Deploy web")
        .contains("waiting")
        .contains(ALICE)
        .contains("/project/1/history?t=101");
  }

  @Test
  void statusOfATaskStartedOutsideChatIsFoundInItsProject() {
    h.runner.addTask(TaskInfo.of(new TaskRef(1, 77), 6, TaskState.SUCCESS));
    h.say(ALICE, "!cd status 77");
    assertThat(h.lastBody()).contains("#77").contains("success");
    h.say(ALICE, "!cd status 78");
    assertThat(h.lastBody()).contains("can't find task #78");
    h.say(ALICE, "!cd status abc");
    assertThat(h.lastBody()).contains("not a task id");
  }

  @Test
  void logsWithTailAndColours() {
    var ref = new TaskRef(1, 77);
    h.runner.addTask(TaskInfo.of(ref, 6, TaskState.SUCCESS));
    h.runner.print(ref, "first", "\u001b[32mok: [web1]\u001b[0m", "<script>");
    h.say(ALICE, "!cd logs 77 --tail 2");
    var reply = h.last();
    assertThat(reply.body()).contains("ok: [web1]").contains("<script>").doesNotContain("first");
    assertThat(reply.html())
        .contains("<font data-mx-color=\"#4e9a06\">ok: [web1]</font>")
        .contains("&lt;script&gt;")
        .doesNotContain("\u001b");
    h.say(ALICE, "!cd logs 77 --tail x");
    assertThat(h.lastBody())
        .contains("--tail takes a positive number up to 1000000")
        .contains("Syntax: !cd logs");
  }

  @Test
  void hugeLogIsCappedAndAttached() {
    var ref = new TaskRef(1, 77);
    h.runner.addTask(TaskInfo.of(ref, 6, TaskState.SUCCESS));
    var lines = new ArrayList<String>();
    for (int i = 0; i < 5000; i++) {
      lines.add(
          "\u001b[33mchanged: [host" + i + "] => {\"msg\": \"<" + "x".repeat(40) + ">\"}\u001b[0m");
    }
    h.runner.print(ref, lines.toArray(String[]::new));
    h.say(ALICE, "!cd logs 77");
    var reply = h.last();
    int size =
        cd.chatrix.bot.text.LogFormatter.wireBytes(reply.body())
            + cd.chatrix.bot.text.LogFormatter.wireBytes(reply.html());
    assertThat(size).isLessThanOrEqualTo(60_000);
    assertThat(reply.body()).contains("host4999").contains("full log is attached");
    assertThat(h.chat.files).hasSize(1);
    String file =
        new String(
            h.chat.files.getFirst().file().content(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(file).contains("host0]").contains("host4999]").doesNotContain("\u001b");
  }

  @Test
  void encryptedRoomsGetASmallerBudget() {
    h.chat.rooms.put(ROOM, new RoomInfo(ROOM, "Ops", true, true, List.of()));
    var ref = new TaskRef(1, 77);
    h.runner.addTask(TaskInfo.of(ref, 6, TaskState.SUCCESS));
    for (int i = 0; i < 3000; i++) {
      h.runner.print(ref, "line " + i + " " + "y".repeat(30));
    }
    h.say(ALICE, "!cd logs 77");
    var reply = h.last();
    int size =
        cd.chatrix.bot.text.LogFormatter.wireBytes(reply.body())
            + cd.chatrix.bot.text.LogFormatter.wireBytes(reply.html());
    assertThat(size).isLessThanOrEqualTo(45_000);
  }

  @Test
  void logOnOff() {
    h.say(ALICE, "!cd log on");
    assertThat(h.stores.rooms().get(ROOM).logStreaming()).isTrue();
    h.say(ALICE, "!cd log off");
    assertThat(h.stores.rooms().get(ROOM).logStreaming()).isFalse();
    h.say(ALICE, "!cd log 42");
    assertThat(h.lastBody()).contains("!cd logs 42");
  }

  @Test
  void pingUpAndDown() {
    h.say(ALICE, "!cd ping");
    assertThat(h.lastBody()).contains("2.10.43");
    h.runner.down = true;
    h.say(ALICE, "!cd ping");
    assertThat(h.lastBody()).contains("does not answer").contains("connection refused");
    h.say(ALICE, "!cd projects");
    assertThat(h.lastBody()).contains("not reachable").contains("!cd ping");
    h.runner.down = false;
    h.say(ALICE, "!cd projects");
    assertThat(h.lastBody()).contains("Infra");
  }

  @Test
  void info() {
    h.clock.advance(Duration.ofMinutes(3));
    h.say(ALICE, "!cd info");
    assertThat(h.lastBody())
        .contains("ChatrixCD dev")
        .contains("Up for 3m 00s")
        .contains("Rooms: 1")
        .contains("Monitored tasks: 0")
        .contains("2.10.43");
  }

  @Test
  void adminsListedOrExplained() {
    h.say(ALICE, "!cd admins");
    assertThat(h.lastBody()).contains("everyone here has admin rights");
    adminsAre(BOB);
    h.say(BOB, "!cd admins");
    assertThat(h.lastBody()).contains(BOB);
  }

  @Test
  void roomsListJoinLeave() {
    adminsAre(ALICE);
    h.say(ALICE, "!cd rooms");
    assertThat(h.lastBody()).contains("Ops").contains(ROOM).contains("may speak");
    h.say(ALICE, "!cd rooms join #other:example.org");
    assertThat(h.chat.joined).contains("#other:example.org");
    h.chat.unjoinable.add("#closed:example.org");
    h.say(ALICE, "!cd rooms join #closed:example.org");
    assertThat(h.lastBody()).contains("Could not join").contains("M_FORBIDDEN");
    h.say(ALICE, "!cd rooms leave #other:example.org");
    assertThat(h.chat.left).contains("#other:example.org");
    h.say(ALICE, "!cd rooms join");
    assertThat(h.lastBody()).contains("Syntax: !cd rooms");
    h.say(BOB, "!cd rooms");
    assertThat(h.lastBody()).contains("needs the admin role");
  }

  @Test
  void aliasesAddExpandListRemove() {
    h.say(ALICE, "!cd aliases add deploy run 1 5 --args='-e \"x=1 y=2\"'");
    assertThat(h.lastBody()).contains("Saved").contains("deploy");
    assertThat(h.stores.aliases().load())
        .containsEntry("deploy", "run 1 5 --args='-e \"x=1 y=2\"'");
    h.say(ALICE, "!cd deploy web");
    assertThat(h.lastBody())
        .contains("Run Deploy web")
        .contains("tags=web")
        .contains("args=-e x=1 y=2");
    h.say(ALICE, "no");
    h.say(ALICE, "!cd aliases");
    assertThat(h.lastBody()).contains("deploy").contains("run 1 5");
    h.say(ALICE, "!cd aliases add status run 1 5");
    assertThat(h.lastBody()).contains("built-in command");
    h.say(ALICE, "!cd aliases add x frobnicate");
    assertThat(h.lastBody()).contains("not one");
    h.say(ALICE, "!cd aliases remove deploy");
    assertThat(h.stores.aliases().load()).isEmpty();
    assertThat(h.stores.audit().recent(5))
        .extracting(e -> e.action())
        .contains("alias add", "alias remove");
  }

  @Test
  void aliasChangesNeedAdmin() {
    adminsAre(BOB);
    h.policy(Harness.operators(ALICE));
    h.say(ALICE, "!cd aliases add d run 1 5");
    assertThat(h.lastBody()).contains("Only admins");
    assertThat(h.stores.aliases().load()).isEmpty();
  }

  @Test
  void aliasesHotReload() {
    h.bot.aliases().replaceAll(Map.of("hc", "ping", "help", "run 1 5"));
    h.say(ALICE, "!cd hc");
    assertThat(h.lastBody()).contains("2.10.43");
    h.say(ALICE, "!cd help");
    assertThat(h.lastBody()).contains("Here is what you can do");
  }

  @Test
  void exitNeedsAdminAndConfirmation() {
    adminsAre(BOB);
    h.say(ALICE, "!cd exit");
    assertThat(h.stores.confirmations().all()).isEmpty();
    h.say(BOB, "!cd exit");
    assertThat(h.shutdowns).isEmpty();
    h.say(BOB, "yes");
    assertThat(h.shutdowns).hasSize(1);
    assertThat(h.stores.audit().recent(1).getFirst().action()).isEqualTo("exit");
  }

  @Test
  void petAndScold() {
    h.say(ALICE, "!cd pet");
    assertThat(h.lastBody()).isNotBlank();
    h.say(ALICE, "!cd scold");
    assertThat(h.lastBody()).isNotBlank();
  }

  @Test
  void auditForAdminsOnly() {
    adminsAre(BOB);
    h.say(BOB, "!cd log on");
    h.say(BOB, "!cd audit 5");
    assertThat(h.lastBody()).contains("log streaming on").contains(BOB);
    h.say(ALICE, "!cd audit");
    assertThat(h.lastBody()).contains("needs the admin role");
    h.say(BOB, "!cd audit zero");
    assertThat(h.lastBody())
        .contains("N takes a positive number up to 999")
        .contains("Syntax: !cd audit [N]");
  }

  @Test
  void subscribeAndUnsubscribe() {
    h.say(ALICE, "!cd subscribe 1 deploy --failures-only");
    assertThat(h.stores.rooms().get(ROOM).subscriptions()).hasSize(1);
    assertThat(h.lastBody()).contains("Infra / Deploy web");
    h.say(ALICE, "!cd unsubscribe 1 deploy");
    assertThat(h.stores.rooms().get(ROOM).subscriptions()).isEmpty();
    h.say(ALICE, "!cd unsubscribe 1");
    assertThat(h.lastBody()).contains("was not subscribed");
    h.say(ALICE, "!cd subscribe");
    assertThat(h.lastBody()).contains("Syntax: !cd subscribe PROJECT");
  }

  @Test
  void unknownOptionIsNamed() {
    h.say(ALICE, "!cd run 1 5 --tag=web");
    assertThat(h.lastBody()).contains("Unknown option --tag").contains("Did you mean --tags");
    h.say(ALICE, "!cd run 1 5 --args='unclosed");
    assertThat(h.lastBody()).contains("closing");
  }

  @Test
  void disallowedRoomIsIgnored() {
    h.settings.set(h.settings.get().withAccess(Set.of("!other:example.org"), Set.of(), false));
    h.say(ALICE, "!cd help");
    assertThat(h.chat.sent).isEmpty();
    h.settings.set(h.settings.get().withAccess(Set.of(), Set.of(), true));
    h.say(ALICE, "!cd help");
    assertThat(h.chat.sent).isEmpty();
  }

  @Test
  void nonAdminIsBrushedOffWhenAdminsAreConfigured() {
    adminsAre(BOB);
    h.say(ALICE, "!cd run 1 5");
    assertThat(h.lastBody()).contains("needs the operator role");
    assertThat(h.stores.confirmations().all()).isEmpty();
  }

  @Test
  void perRoomAllowListHidesOtherTemplates() {
    h.policy(Harness.roomScope(ROOM, Set.of(1L), Set.of(6L)));
    h.say(ALICE, "!cd templates 1");
    assertThat(h.lastBody()).contains("Backup db").doesNotContain("Deploy web");
    h.say(ALICE, "!cd run 1 5");
    assertThat(h.lastBody()).contains("No template matches \"5\"");
    h.say(ALICE, "!cd run 1");
    assertThat(h.lastBody()).contains("Run Backup db");
    assertThat(h.stores.confirmations().all()).hasSize(1);
  }

  @Test
  void rateLimitAnswersOnceThenStaysQuiet() {
    h.settings.set(
        h.settings.get().withRateLimit(new BotSettings.RateLimit(2, Duration.ofMinutes(1))));
    h.say(ALICE, "!cd ping");
    h.say(ALICE, "!cd ping");
    int before = h.chat.count();
    h.say(ALICE, "!cd ping");
    h.say(ALICE, "!cd ping");
    assertThat(h.chat.count()).isEqualTo(before + 1);
    assertThat(h.lastBody()).contains("too many");
    h.clock.advance(Duration.ofMinutes(1));
    h.say(ALICE, "!cd ping");
    assertThat(h.lastBody()).contains("2.10.43");
  }

  @Test
  void invitesFromStrangersAreDeclined() {
    adminsAre(BOB);
    assertThat(h.bot.inviteVerdict(ALICE, "!new:example.org"))
        .isInstanceOf(InviteVerdict.Decline.class);
    assertThat(h.bot.inviteVerdict(BOB, "!new2:example.org").joins()).isTrue();
  }

  @Test
  void greetingsOnStartAndStopUnlessDisabled() {
    h.settings.set(h.settings.get().withGreetings(Set.of(ROOM), true));
    h.bot.start();
    assertThat(h.chat.sent).hasSize(1);
    h.bot.stop();
    assertThat(h.chat.sent).hasSize(2);
    h.settings.set(h.settings.get().withGreetings(Set.of(ROOM), false));
    h.bot.start();
    h.bot.stop();
    assertThat(h.chat.sent).hasSize(2);
  }

  @Test
  void hotReloadedPrefixAppliesToTheNextMessage() {
    h.settings.set(h.settings.get().withPrefix("!ops"));
    h.say(ALICE, "!cd ping");
    assertThat(h.chat.sent).isEmpty();
    h.say(ALICE, "!ops ping");
    assertThat(h.lastBody()).contains("2.10.43");
  }

  @Test
  void ownMessagesAreIgnored() {
    h.say(Harness.BOT, "!cd ping");
    assertThat(h.chat.sent).isEmpty();
  }
}
