package cd.chatrix.app.store.bot;

import static cd.chatrix.app.store.bot.Samples.confirmation;
import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.port.TaskRequest;
import cd.chatrix.bot.store.ClaimedStart;
import cd.chatrix.bot.store.ConfirmationStore;
import cd.chatrix.bot.store.PendingAction;
import cd.chatrix.bot.store.PendingConfirmation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What every {@link ConfirmationStore} must do; run against the in-memory and the SQL one. */
abstract class ConfirmationStoreContract {

  abstract ConfirmationStore store();

  @Test
  void roundTripsEveryFieldOfARunConfirmation() {
    PendingConfirmation full = Samples.withEverything("c-full");
    store().save(full);

    assertThat(store().all()).containsExactly(full);
    assertThat(store().byPrompt("!other:example.org", "$prompt-full")).contains(full);
  }

  @Test
  void roundTripsStopAndExitActionsAndEmptyOptionals() {
    var stop = confirmation("c-stop", new PendingAction.Stop(new TaskRef(2, 77), true), 1);
    var exit = confirmation("c-exit", new PendingAction.Exit(), 2);
    var plain = confirmation("c-run", new PendingAction.Run(1, "P", "T", TaskRequest.plain(5)), 3);
    store().save(stop);
    store().save(exit);
    store().save(plain);

    assertThat(store().all()).containsExactly(stop, exit, plain);
    assertThat(store().all().get(0).action())
        .isEqualTo(new PendingAction.Stop(new TaskRef(2, 77), true));
    assertThat(store().all().get(1).action()).isInstanceOf(PendingAction.Exit.class);
  }

  @Test
  void allIsOrderedByCreationTimeNotBySaveOrder() {
    var late = confirmation("a-late", new PendingAction.Exit(), 9);
    var early = confirmation("z-early", new PendingAction.Exit(), 1);
    store().save(late);
    store().save(early);

    assertThat(store().all())
        .extracting(PendingConfirmation::id)
        .containsExactly("z-early", "a-late");
  }

  @Test
  void saveReplacesTheConfirmationWithTheSameId() {
    var first = confirmation("c1", new PendingAction.Exit(), 1);
    store().save(first);
    var confirmed = first.confirmedByRequester(first.expiresAt().plusSeconds(600));
    store().save(confirmed);

    assertThat(store().all()).containsExactly(confirmed);
    assertThat(store().all().getFirst().requesterConfirmed()).isTrue();
  }

  @Test
  void byPromptMatchesRoomAndPromptTogether() {
    var c = confirmation("c1", new PendingAction.Exit(), 1);
    store().save(c);

    assertThat(store().byPrompt("!room:example.org", "$prompt-c1")).contains(c);
    assertThat(store().byPrompt("!elsewhere:example.org", "$prompt-c1")).isEmpty();
    assertThat(store().byPrompt("!room:example.org", "$prompt-other")).isEmpty();
  }

  @Test
  void removeReportsWhetherThisCallRemovedIt() {
    store().save(confirmation("c1", new PendingAction.Exit(), 1));

    assertThat(store().remove("c1")).isTrue();
    assertThat(store().remove("c1")).isFalse();
    assertThat(store().remove("never-saved")).isFalse();
    assertThat(store().all()).isEmpty();
    assertThat(store().byPrompt("!room:example.org", "$prompt-c1")).isEmpty();
  }

  @Test
  void exactlyOneOfFiftyRacingRemovesWins() throws Exception {
    for (int round = 0; round < 5; round++) {
      String id = "race-" + round;
      store().save(confirmation(id, new PendingAction.Exit(), round));
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < 50; i++) {
          results.add(
              executor.submit(() -> {
                start.await();
                return store().remove(id);
              }));
        }
        start.countDown();
        int winners = 0;
        for (Future<Boolean> result : results) {
          if (result.get(30, TimeUnit.SECONDS)) {
            winners++;
          }
        }
        assertThat(winners).as("winners in round %d", round).isEqualTo(1);
      }
    }
    assertThat(store().all()).isEmpty();
  }

  @Test
  void aClaimedStartLeavesTheQuestionsAndStaysUntilSettled() {
    var run = Samples.withEverything("c-run");
    store().save(run);
    Instant at = Instant.parse("2026-03-01T10:00:00.123Z");

    assertThat(store().claimStart("c-run", Optional.of("@bob:example.org"), at)).isTrue();

    assertThat(store().all()).isEmpty();
    assertThat(store().byPrompt(run.roomId(), run.promptEventId())).isEmpty();
    assertThat(store().claimedStarts())
        .containsExactly(new ClaimedStart(run, Optional.of("@bob:example.org"), at));
    assertThat(store().remove("c-run")).as("a claim is not a question to remove").isFalse();
    assertThat(store().claimStart("c-run", Optional.empty(), at)).as("claimed once").isFalse();

    store().settleStart("c-run");
    assertThat(store().claimedStarts()).isEmpty();
    assertThat(store().all()).isEmpty();
  }

  @Test
  void settlingLeavesOpenQuestionsAlone() {
    var open = confirmation("c-open", new PendingAction.Exit(), 1);
    store().save(open);

    store().settleStart("c-open");

    assertThat(store().all()).containsExactly(open);
  }

  @Test
  void exactlyOneOfARacingClaimAndRemoveWins() throws Exception {
    for (int round = 0; round < 10; round++) {
      String id = "claim-race-" + round;
      store().save(confirmation(id, new PendingAction.Exit(), round));
      CountDownLatch start = new CountDownLatch(1);
      try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
        Future<Boolean> claim =
            executor.submit(() -> {
              start.await();
              return store().claimStart(id, Optional.empty(), Instant.EPOCH);
            });
        Future<Boolean> remove =
            executor.submit(() -> {
              start.await();
              return store().remove(id);
            });
        start.countDown();
        boolean claimed = claim.get(30, TimeUnit.SECONDS);
        boolean removed = remove.get(30, TimeUnit.SECONDS);
        assertThat(claimed ^ removed).as("one winner in round %d", round).isTrue();
        assertThat(store().claimedStarts()).hasSize(claimed ? 1 : 0);
        store().settleStart(id);
      }
    }
  }
}
