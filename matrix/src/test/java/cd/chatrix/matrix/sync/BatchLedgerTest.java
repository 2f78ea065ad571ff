package cd.chatrix.matrix.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchLedgerTest {
  private final InMemorySyncStateStore store = new InMemorySyncStateStore();
  private final BatchLedger ledger = new BatchLedger(store, new BatchLedger.Bounds(4, 3));

  @Test
  void commitsOnlyWhenEveryEventOfTheBatchIsDone() {
    var ticket = ledger.open("s1", List.of("$a", "$b"), 2);
    ticket.eventDone();
    assertThat(store.since()).isEmpty();
    ticket.eventDone();
    assertThat(store.since()).contains("s1");
  }

  @Test
  void commitsInOrderEvenWhenALaterBatchFinishesFirst() {
    var first = ledger.open("s1", List.of("$a"), 1);
    var second = ledger.open("s2", List.of("$b"), 1);
    second.eventDone();
    assertThat(store.since()).isEmpty();
    first.eventDone();
    assertThat(store.since()).contains("s2");
    assertThat(ledger.openBatches()).isZero();
  }

  @Test
  void anEmptyBatchCommitsAtOnce() {
    ledger.open("s1", List.of(), 0);
    assertThat(store.since()).contains("s1");
  }

  @Test
  void committedIdsStayKnownForServersThatRepeatEvents() {
    store.markHandled("$a");
    var ticket = ledger.open("s1", List.of("$a"), 1);
    ticket.eventDone();
    assertThat(store.isHandled("$a")).isTrue();
  }

  @Test
  void theInMemoryStoreKeepsOnlyTheNewestIds() {
    for (int i = 0; i <= InMemorySyncStateStore.KEEP_IDS; i++) {
      store.markHandled("$" + i);
    }
    ledger.open("s1", List.of(), 0);
    assertThat(store.isHandled("$0")).isFalse();
    assertThat(store.isHandled("$" + InMemorySyncStateStore.KEEP_IDS)).isTrue();
    assertThat(store.handledCount()).isEqualTo(InMemorySyncStateStore.KEEP_IDS);
  }

  @Test
  void eachCommittedBatchIsToldOnceInOrderWithItsArrivalAndEventCount() {
    var told = new java.util.concurrent.CopyOnWriteArrayList<String>();
    var timed =
        new BatchLedger(
            store,
            new BatchLedger.Bounds(4, 100),
            (received, events) -> told.add(received + ":" + events));
    var first = timed.open("s1", List.of("$a", "$b"), 2, 2, 100);
    var second = timed.open("s2", List.of("$c"), 1, 1, 200);
    second.eventDone();
    first.eventDone();
    assertThat(told).isEmpty();

    first.eventDone();

    assertThat(told).containsExactly("100:2", "200:1");
    timed.open("s3", List.of(), 0, 0, 300);
    assertThat(told).containsExactly("100:2", "200:1", "300:0");
  }

  @Test
  void theLoopWaitsWhileTooManyEventsAreOpenAndGoesOnWhenOneIsDone() throws Exception {
    var page = ledger.openPage(List.of("$a", "$b"), 2);
    ledger.open("s1", List.of("$c"), 1);
    var waiting = Thread.ofVirtual().start(ledger::awaitRoom);

    waiting.join(Duration.ofMillis(200));
    assertThat(waiting.isAlive()).isTrue();
    page.eventDone();
    waiting.join(Duration.ofSeconds(5));
    assertThat(waiting.isAlive()).isFalse();
    assertThat(ledger.openEvents()).isEqualTo(2);
  }

  @Test
  void aGapPageMovesNoPositionButHoldsBackTheResponseBehindIt() {
    var page = ledger.openPage(List.of("$g1"), 1);
    var response = ledger.open("s2", List.of("$m"), 1);
    response.eventDone();
    assertThat(store.since()).isEmpty();
    assertThat(ledger.inFlight("$g1")).isTrue();

    page.eventDone();

    assertThat(store.since()).contains("s2");
    assertThat(ledger.inFlight("$g1")).isFalse();
    assertThat(ledger.openBatches()).isZero();
  }
}
