package cd.chatrix.matrix.sync;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.matrix.http.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoomEventHandlersTest {
  private final RoomEventHandlers handlers = new RoomEventHandlers();
  private final List<String> calls = new ArrayList<>();
  private final List<Exception> failures = new ArrayList<>();
  private final RoomEvent event =
      RoomEvent.from(
          "!r:x",
          Json.MAPPER.readTree(
              "{\"event_id\":\"$e\",\"type\":\"m.room.message\",\"sender\":\"@a:x\"}"),
          false);

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void aFailingHandlerIsReportedAndTheNextStillRuns() {
    handlers.add(e -> calls.add("first"));
    handlers.add(e -> {
      throw new IllegalStateException("boom");
    });
    handlers.add(e -> calls.add("third"));

    boolean all =
        handlers.deliver(
            event,
            failure -> {
              failures.add(failure);
              return true;
            });

    assertThat(all).isTrue();
    assertThat(calls).containsExactly("first", "third");
    assertThat(failures).singleElement().extracting(Exception::getMessage).isEqualTo("boom");
  }

  @Test
  void theFailureReportCanStopTheDelivery() {
    handlers.add(e -> {
      throw new IllegalStateException("boom");
    });
    handlers.add(e -> calls.add("second"));

    assertThat(handlers.deliver(event, failure -> false)).isFalse();
    assertThat(calls).isEmpty();
  }

  @Test
  void anInterruptStopsTheDeliveryAndKeepsTheFlag() {
    handlers.add(e -> {
      throw new InterruptedException();
    });
    handlers.add(e -> calls.add("second"));

    boolean all =
        handlers.deliver(
            event,
            failure -> {
              failures.add(failure);
              return true;
            });

    assertThat(all).isFalse();
    assertThat(calls).isEmpty();
    assertThat(failures).isEmpty();
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
  }
}
