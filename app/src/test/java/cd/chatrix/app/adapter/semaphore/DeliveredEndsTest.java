package cd.chatrix.app.adapter.semaphore;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.bot.port.TaskRef;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeliveredEndsTest {
  private static final TaskRef A = new TaskRef(1, 10);
  private static final TaskRef B = new TaskRef(1, 11);

  private final DeliveredEnds ends = new DeliveredEnds();

  @Test
  void anEndTheBotHadBeforeItWasAskedAndStillListsIsUntakenOnce() {
    ends.delivering(A);
    ends.delivered(A, 100);

    assertThat(ends.untaken(Set.of(A), 200)).containsExactly(A);
    assertThat(ends.contains(A)).isFalse();
    assertThat(ends.untaken(Set.of(A), 300)).isEmpty();
  }

  @Test
  void anEndBeingHandedOverOrHadAfterTheBotWasAskedIsNotUntaken() {
    ends.delivering(A);
    ends.finished(A, 50); // the watcher's last word must not end the hand-over
    ends.delivering(B);
    ends.delivered(B, 300);

    assertThat(ends.untaken(Set.of(A, B), 200)).isEmpty();
    assertThat(ends.contains(A)).isTrue();
    assertThat(ends.contains(B)).isTrue();
  }

  @Test
  void tasksTheBotNoLongerListsAreForgotten() {
    ends.delivering(A);
    ends.delivered(A, 100);
    ends.finished(B, 100);

    assertThat(ends.untaken(List.of(), 200)).isEmpty();
    assertThat(ends.contains(A)).isFalse();
    assertThat(ends.contains(B)).isFalse();
  }
}
