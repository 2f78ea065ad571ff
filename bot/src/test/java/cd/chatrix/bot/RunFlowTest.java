package cd.chatrix.bot;

import static cd.chatrix.bot.fake.Harness.ALICE;
import static cd.chatrix.bot.fake.Harness.BOB;
import static cd.chatrix.bot.fake.Harness.ROOM;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.bot.fake.Harness;
import cd.chatrix.bot.port.Overrides;
import cd.chatrix.bot.port.Relation;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.port.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunFlowTest {
  private final Harness h = new Harness();

  private String askRun(String args) {
    h.say(ALICE, "!cd run " + args);
    return h.last().eventId();
  }

  @Test
  void confirmByReactionStartsTheTaskAndPostsOneStatusMessage() {
    String prompt = askRun("1 5");
    assertThat(h.lastBody()).contains("Run Deploy web").contains("Infra").contains("👍");
    assertThat(h.runner.started).isEmpty();

    h.react(ALICE, prompt, "👍️");

    assertThat(h.runner.started).hasSize(1);
    var status = h.last();
    assertThat(status.body())
        .contains("Deploy web")
        .contains("task #101")
        .contains("waiting")
        .contains("https://semaphore.example/project/1/history?t=101");
    assertThat(h.chat.lastEditOf(prompt).orElseThrow().message().body())
        .startsWith("✅")
        .contains("Deploy web");
    assertThat(h.stores.audit().recent(5))
        .anySatisfy(e -> {
          assertThat(e.action()).isEqualTo("run");
          assertThat(e.taskId()).contains(101L);
          assertThat(e.user()).isEqualTo(ALICE);
        });
  }

  @Test
  void confirmByTextWithSynonym() {
    askRun("Infra deploy");
    h.say(ALICE, "ok");
    assertThat(h.runner.started).hasSize(1);
    assertThat(h.runner.started.getFirst().templateId()).isEqualTo(5);
  }

  @Test
  void refusalStartsNothing() {
    String prompt = askRun("1 5");
    h.say(ALICE, "nope");
    assertThat(h.runner.started).isEmpty();
    assertThat(h.chat.lastEditOf(prompt).orElseThrow().message().body()).contains("Cancelled");
    h.say(ALICE, "yes");
    assertThat(h.runner.started).isEmpty();
  }

  @Test
  void otherMessagesAreNotSwallowedWhilePending() {
    askRun("1 5");
    h.say(ALICE, "!cd projects");
    assertThat(h.lastBody()).contains("Infra");
    h.say(ALICE, "hmm, let me think");
    h.say(ALICE, "yes");
    assertThat(h.runner.started).hasSize(1);
  }

  @Test
  void someoneElsesYesDoesNotConfirm() {
    String prompt = askRun("1 5");
    h.say(BOB, "yes");
    h.react(BOB, prompt, "👍");
    assertThat(h.runner.started).isEmpty();
    assertThat(h.lastBody()).contains("Only").contains(ALICE);
  }

  @Test
  void expiryDropsTheQuestionOnceWithAMessage() {
    String prompt = askRun("1 5");
    h.clock.advance(Duration.ofSeconds(299));
    h.bot.tick();
    int before = h.chat.count();
    h.clock.advance(Duration.ofSeconds(2));
    h.bot.tick();
    h.bot.tick();
    assertThat(h.chat.count()).isEqualTo(before + 1);
    assertThat(h.lastBody()).contains(ALICE);
    assertThat(h.last().message().mentions()).containsExactly(ALICE);
    assertThat(h.chat.lastEditOf(prompt).orElseThrow().message().body()).contains("Expired");
    h.react(ALICE, prompt, "👍");
    assertThat(h.runner.started).isEmpty();
    assertThat(h.stores.audit().recent(1).getFirst().outcome()).isEqualTo("expired");
  }

  @Test
  void pendingConfirmationSurvivesARestartAndIsNotDuplicated() {
    String prompt = askRun("1 5");
    h.restart();
    h.react(ALICE, prompt, "👍");
    h.say(ALICE, "yes");
    assertThat(h.runner.started).hasSize(1);
  }

  @Test
  void secondPersonApprovalIsRequiredAndNamed() {
    h.requireApproval(5);
    String prompt = askRun("1 5");
    assertThat(h.lastBody()).contains("second operator");
    h.say(ALICE, "yes");
    assertThat(h.runner.started).isEmpty();
    h.react(ALICE, prompt, "👍");
    assertThat(h.runner.started).isEmpty();
    assertThat(h.lastBody()).contains("someone else");

    h.react(BOB, prompt, "👍");

    assertThat(h.runner.started).hasSize(1);
    var run = h.stores.runs().byTaskId(101).orElseThrow();
    assertThat(run.approver()).contains(BOB);
    assertThat(h.last().body()).contains("approved by " + BOB);
  }

  @Test
  void approveCommandWorksForSecondUser() {
    h.requireApproval(5);
    askRun("1 5");
    h.say(ALICE, "y");
    h.say(BOB, "!cd approve");
    assertThat(h.runner.started).hasSize(1);
  }

  @Test
  void runLifecycleEditsStatusAndAnnouncesSuccessWithMention() {
    String prompt = askRun("1 5 web,db --limit=h1");
    h.react(ALICE, prompt, "👍");
    var status = h.last();
    var ref = new TaskRef(1, 101);
    Instant t0 = h.clock.instant();

    h.bot.onTaskUpdate(h.runner.set(ref, TaskState.RUNNING, Optional.of(t0), Optional.empty()));
    assertThat(h.chat.lastEditOf(status.eventId()).orElseThrow().message().body())
        .contains("running")
        .contains("tags=web,db")
        .contains("limit=h1");
    int sentBefore = h.chat.count();
    h.bot.onTaskUpdate(h.runner.set(ref, TaskState.RUNNING, Optional.empty(), Optional.empty()));
    assertThat(h.chat.count()).isEqualTo(sentBefore);

    h.bot.onTaskUpdate(
        h.runner.set(ref, TaskState.SUCCESS, Optional.empty(), Optional.of(t0.plusSeconds(95))));
    assertThat(h.chat.lastEditOf(status.eventId()).orElseThrow().message().body())
        .contains("success")
        .contains("Took 1m 35s");
    var done = h.last();
    assertThat(done.message().mentions()).containsExactly(ALICE);
    assertThat(done.html()).contains("https://matrix.to/#/@alice:example.org");
    assertThat(done.message().relation()).contains(new Relation.Reply(status.eventId()));
    assertThat(h.bot.watchedTasks()).isEmpty();
  }

  @Test
  void aTaskDeletedInSemaphoreEndsTheRunInsteadOfBeingWatchedForever() {
    String prompt = askRun("1 5");
    h.react(ALICE, prompt, "👍");
    var status = h.last();
    var ref = new TaskRef(1, 101);
    h.bot.onTaskUpdate(h.runner.set(ref, TaskState.RUNNING, Optional.empty(), Optional.empty()));

    h.bot.onTaskUpdate(h.runner.set(ref, TaskState.VANISHED, Optional.empty(), Optional.empty()));

    assertThat(h.chat.lastEditOf(status.eventId()).orElseThrow().message().body())
        .contains("gone from Semaphore");
    assertThat(h.last().message().mentions()).containsExactly(ALICE);
    assertThat(h.last().body()).contains("gone from Semaphore");
    assertThat(h.bot.watchedTasks()).isEmpty();
  }

  @Test
  void failureQuotesTheAnsibleSummary() {
    h.react(ALICE, askRun("1 5"), "👍");
    var ref = new TaskRef(1, 101);
    h.runner.print(
        ref,
        "PLAY [web] *****",
        "TASK [Install nginx] *****",
        "\u001b[0;31mfatal: [web1]: FAILED! => {\"changed\": false, \"msg\": \"No package nginx available.\"}\u001b[0m",
        "PLAY RECAP *****",
        "web1                       : ok=1    changed=0    unreachable=0    failed=1    skipped=0");
    h.bot.onTaskUpdate(h.runner.set(ref, TaskState.ERROR, Optional.empty(), Optional.empty()));
    var msg = h.last();
    assertThat(msg.body())
        .contains("Install nginx")
        .contains("web1")
        .contains("No package nginx available.")
        .contains("PLAY RECAP")
        .contains("failed=1");
    assertThat(msg.message().mentions()).containsExactly(ALICE);
  }

  @Test
  void optionsAreValidatedAgainstTheTemplateBeforeAnythingStarts() {
    h.say(ALICE, "!cd run 1 6 --tags=web --args='-e x=1'");
    assertThat(h.lastBody())
        .contains("does not accept")
        .contains("tags")
        .contains("--args")
        .contains("Nothing was started");
    assertThat(h.stores.confirmations().all()).isEmpty();
    assertThat(h.runner.started).isEmpty();
  }

  @Test
  void argsBecomeAProperList() {
    h.say(
        ALICE,
        "!cd run 1 5 --args='-e \"x=1 y=2\" --check' --env REGION=eu --dry-run --message \"hotfix\"");
    h.say(ALICE, "yes");
    var req = h.runner.started.getFirst();
    assertThat(req.arguments()).containsExactly("-e", "x=1 y=2", "--check");
    assertThat(req.environment()).containsEntry("REGION", "eu");
    assertThat(req.dryRun()).isTrue();
    assertThat(req.message()).contains("hotfix").contains(ALICE);
  }

  @Test
  void stopAsksFirstThenStops() {
    h.react(ALICE, askRun("1 5"), "👍");
    h.say(ALICE, "!cd stop");
    assertThat(h.lastBody()).contains("Stop task #101");
    assertThat(h.runner.stopped).isEmpty();
    h.say(ALICE, "yes");
    assertThat(h.runner.stopped).containsExactly(new TaskRef(1, 101));
    assertThat(h.stores.audit().recent(1).getFirst().action()).isEqualTo("stop");
  }

  @Test
  void waitingConfirmationIsAnnouncedAndCanBeConfirmed() {
    h.react(ALICE, askRun("1 5"), "👍");
    var ref = new TaskRef(1, 101);
    h.bot.onTaskUpdate(
        h.runner.set(ref, TaskState.WAITING_CONFIRMATION, Optional.empty(), Optional.empty()));
    assertThat(h.lastBody()).contains("confirm 101");
    assertThat(h.last().message().mentions()).containsExactly(ALICE);
    h.say(BOB, "!cd confirm 101");
    assertThat(h.runner.confirmed).containsExactly(ref);
    h.say(BOB, "!cd reject 101");
    assertThat(h.runner.rejected).containsExactly(ref);
  }

  @Test
  void monitoringResumesAfterRestart() {
    h.react(ALICE, askRun("1 5"), "👍");
    var status = h.last();
    var ref = new TaskRef(1, 101);
    h.runner.set(
        ref,
        TaskState.SUCCESS,
        Optional.of(h.clock.instant()),
        Optional.of(h.clock.instant().plusSeconds(5)));
    h.restart();
    assertThat(h.chat.lastEditOf(status.eventId()).orElseThrow().message().body())
        .contains("success");
    assertThat(h.last().message().mentions()).containsExactly(ALICE);
    assertThat(h.runner.started).hasSize(1);
  }

  @Test
  void semaphoreRefusingTheStartIsExplained() {
    h.runner.refuseStart = "Semaphore answered 500 (template could not be prepared)";
    h.react(ALICE, askRun("1 5"), "👍");
    assertThat(h.lastBody()).contains("did not start").contains("500");
    assertThat(h.stores.audit().recent(1).getFirst().outcome()).startsWith("refused");
  }

  @Test
  void logStreamingIsCoalescedAndLosesNothing() {
    h.say(ALICE, "!cd log on");
    h.react(ALICE, askRun("1 5"), "👍");
    var status = h.last();
    var ref = new TaskRef(1, 101);
    h.bot.onTaskUpdate(
        h.runner.set(ref, TaskState.RUNNING, Optional.of(h.clock.instant()), Optional.empty()));
    h.runner.print(ref, "line 1", "line 2");
    h.bot.tick();
    h.runner.print(ref, "line 3");
    h.bot.tick();
    h.clock.advance(Duration.ofSeconds(1));
    h.runner.print(ref, "line 4");
    h.bot.tick();
    var inThread = h.chat.inThread(status.eventId());
    assertThat(inThread).hasSize(1);
    h.clock.advance(Duration.ofSeconds(1));
    h.bot.tick();
    h.runner.print(ref, "line 5");
    h.bot.onTaskUpdate(
        h.runner.set(ref, TaskState.SUCCESS, Optional.empty(), Optional.of(h.clock.instant())));
    inThread = h.chat.inThread(status.eventId());
    String all = String.join("\n", inThread.stream().map(s -> s.body()).toList());
    for (int i = 1; i <= 5; i++) {
      assertThat(all).contains("line " + i);
    }
    assertThat(inThread).hasSize(3);
  }

  @Test
  void subscribedRoomHearsAboutTasksStartedElsewhere() {
    h.say(ALICE, "!cd subscribe Infra --failures-only");
    var ref = new TaskRef(1, 555);
    h.runner.addTask(cd.chatrix.bot.port.TaskInfo.of(ref, 6, TaskState.RUNNING));
    int before = h.chat.count();
    h.bot.onTaskUpdate(h.runner.tasks.get(ref));
    assertThat(h.chat.count()).isEqualTo(before);
    h.bot.onTaskUpdate(h.runner.set(ref, TaskState.ERROR, Optional.empty(), Optional.empty()));
    assertThat(h.chat.sentSince(before))
        .anySatisfy(s -> assertThat(s.body()).contains("#555").contains("error"));
    assertThat(h.bot.watchedProjects()).contains(1L);
    List<String> noDup = h.chat.sentSince(before).stream().map(s -> s.body()).toList();
    h.bot.onTaskUpdate(h.runner.tasks.get(ref));
    assertThat(h.chat.sentSince(before)).hasSize(noDup.size());
  }

  @Test
  void tagsOverrideOnlyWhenAllowed() {
    h.runner.template(
        new cd.chatrix.bot.port.Template(
            7, 1, "Plan infra", "", "terraform", Overrides.ALL, List.of()));
    h.say(ALICE, "!cd run 1 7 --limit=h1 --dry-run");
    assertThat(h.lastBody()).contains("--limit").contains("--dry-run");
    assertThat(ROOM).isNotEmpty();
  }

  @Test
  void longRunsGetStillRunningReminders() {
    h.react(ALICE, askRun("1 5"), "👍");
    var ref = new TaskRef(1, 101);
    h.bot.onTaskUpdate(
        h.runner.set(ref, TaskState.RUNNING, Optional.of(h.clock.instant()), Optional.empty()));
    int before = h.chat.count();
    h.clock.advance(Duration.ofSeconds(299));
    h.bot.tick();
    assertThat(h.chat.count()).isEqualTo(before);
    h.clock.advance(Duration.ofSeconds(1));
    h.bot.tick();
    h.bot.tick();
    assertThat(h.chat.count()).isEqualTo(before + 1);
    assertThat(h.lastBody()).contains("still running").contains("5m 00s");
    h.settings.set(h.settings.get().toBuilder().runningReminder(Duration.ZERO).build());
    h.clock.advance(Duration.ofMinutes(10));
    h.bot.tick();
    assertThat(h.chat.count()).isEqualTo(before + 1);
  }

  @Test
  void revokedRightsWhilePendingStopTheRun() {
    String prompt = askRun("1 5");
    h.settings.set(h.settings.get().withAccess(Set.of(), Set.of(BOB), false));
    h.react(ALICE, prompt, "👍");
    assertThat(h.runner.started).isEmpty();
    assertThat(h.lastBody()).contains("no longer allow");
    assertThat(h.stores.audit().recent(1).getFirst().outcome()).contains("no longer permitted");
  }

  @Test
  void aRedeliveredEventIsHandledOnce() {
    var m =
        new IncomingMessage(
            ROOM,
            "$same",
            ALICE,
            ALICE,
            "!cd run 1 5",
            h.clock.instant(),
            Optional.empty(),
            Optional.empty(),
            SenderTrust.TRUSTED);
    h.bot.onMessage(m);
    h.bot.onMessage(m);
    assertThat(h.stores.confirmations().all()).hasSize(1);
    var yes =
        new IncomingMessage(
            ROOM,
            "$yes",
            ALICE,
            ALICE,
            "yes",
            h.clock.instant(),
            Optional.empty(),
            Optional.empty(),
            SenderTrust.TRUSTED);
    h.bot.onMessage(yes);
    h.bot.onMessage(yes);
    assertThat(h.runner.started).hasSize(1);
  }

  @Test
  void answerInReplyPicksThatQuestion() {
    String first = askRun("1 5");
    askRun("1 6");
    h.bot.onMessage(
        new IncomingMessage(
            ROOM,
            "$ans",
            ALICE,
            ALICE,
            "yes",
            h.clock.instant(),
            Optional.empty(),
            Optional.of(first),
            SenderTrust.TRUSTED));
    assertThat(h.runner.started).extracting(r -> r.templateId()).containsExactly(5L);
    h.say(ALICE, "y");
    assertThat(h.runner.started).extracting(r -> r.templateId()).containsExactly(5L, 6L);
  }

  @Test
  void streamingResumesAfterRestartWithoutRepeating() {
    h.say(ALICE, "!cd log on");
    h.react(ALICE, askRun("1 5"), "👍");
    var status = h.last();
    var ref = new TaskRef(1, 101);
    h.bot.onTaskUpdate(
        h.runner.set(ref, TaskState.RUNNING, Optional.of(h.clock.instant()), Optional.empty()));
    h.runner.print(ref, "before restart");
    h.bot.tick();
    h.restart();
    h.runner.print(ref, "after restart");
    h.clock.advance(Duration.ofSeconds(2));
    h.bot.tick();
    var bodies = h.chat.inThread(status.eventId()).stream().map(s -> s.body()).toList();
    assertThat(String.join("\n", bodies))
        .containsOnlyOnce("before restart")
        .containsOnlyOnce("after restart");
  }

  @Test
  void aRunAskedForInAThreadGetsAStatusOutsideIt() {
    h.bot.onMessage(
        new IncomingMessage(
            ROOM,
            "$cmd",
            ALICE,
            ALICE,
            "!cd run 1 5",
            h.clock.instant(),
            Optional.of("$root"),
            Optional.empty(),
            SenderTrust.TRUSTED));
    assertThat(h.last().message().relation()).contains(new Relation.Thread("$root", "$cmd"));
    h.say(ALICE, "yes");
    assertThat(h.last().body()).contains("task #101");
    assertThat(h.last().message().relation()).contains(new Relation.Reply("$cmd"));
  }

  @Test
  void optionsWorkWithAutoSelectionAndTagsMayHoldDigits() {
    h.runner.project(2, "Apps").template(2, 20, "Release", Overrides.ALL);
    h.say(ALICE, "!cd run apps web_1 v2 --skip-tags=slow");
    h.say(ALICE, "yes");
    var req = h.runner.started.getFirst();
    assertThat(req.templateId()).isEqualTo(20);
    assertThat(req.tags()).containsExactly("web_1", "v2");
    assertThat(req.skipTags()).containsExactly("slow");
  }

  @Test
  void plainStopFromTheRequesterIsNotTakenAsAnAnswer() {
    h.react(ALICE, askRun("1 5"), "👍");
    h.say(ALICE, "!cd stop");
    h.say(ALICE, "stop");
    assertThat(h.stores.confirmations().all()).hasSize(1);
  }

  @Test
  void concurrentAnswersStartOnce() throws Exception {
    String prompt = askRun("1 5");
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      var start = new java.util.concurrent.CountDownLatch(1);
      for (int i = 0; i < 20; i++) {
        int n = i;
        pool.submit(() -> {
          start.await();
          if (n % 2 == 0) {
            h.react(ALICE, prompt, "👍");
          } else {
            h.say(ALICE, "yes");
          }
          return null;
        });
      }
      start.countDown();
    }
    assertThat(h.runner.started).hasSize(1);
  }
}
