package cd.chatrix.app.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusTextTest {

  @Test
  void durationsReadNaturally() {
    assertThat(StatusText.duration(Duration.ZERO)).isEqualTo("0s");
    assertThat(StatusText.duration(Duration.ofMillis(300))).isEqualTo("0.3s");
    assertThat(StatusText.duration(Duration.ofSeconds(59))).isEqualTo("59s");
    assertThat(StatusText.duration(Duration.ofSeconds(65))).isEqualTo("1m 05s");
    assertThat(StatusText.duration(Duration.ofSeconds(3723))).isEqualTo("1h 02m");
    assertThat(StatusText.duration(Duration.ofHours(50))).isEqualTo("2d 2h");
    assertThat(StatusText.duration(Duration.ofSeconds(-5))).isEqualTo("0s");
  }

  @Test
  void linesCoverEveryPartOfTheStatus() {
    List<TaskView> tasks =
        List.of(
            new TaskView(7, "P", "Deploy", "running", true, "@a:x", Optional.of(Instant.EPOCH)),
            new TaskView(8, "P", "Build", "waiting", true, "@a:x", Optional.empty()));
    StatusSnapshot s =
        new StatusSnapshot(
            new StatusSnapshot.Matrix(
                StatusSnapshot.ConnectionState.DISCONNECTED, Optional.empty(), "", "", 0),
            new StatusSnapshot.Semaphore(false, ""),
            new StatusSnapshot.E2ee(false, false, 0),
            Duration.ofSeconds(5),
            0,
            tasks);
    String text = String.join("\n", StatusText.lines(s));
    assertThat(text)
        .contains("Matrix     disconnected")
        .contains("(not logged in)")
        .contains("Semaphore  unreachable")
        .contains("E2EE       off")
        .contains("Tasks      #7 Deploy (running)")
        .contains("#8 Build (waiting)")
        .as("no lease on SQLite, so no role line")
        .doesNotContain("Role");
    assertThat(StatusText.headline(s))
        .isEqualTo("disconnected · Semaphore down · up 5s · 2 running");
  }

  @Test
  void manyTasksAreSummarised() {
    List<TaskView> tasks =
        java.util.stream.LongStream.rangeClosed(1, 6)
            .mapToObj(i -> new TaskView(i, "P", "T" + i, "running", true, "", Optional.empty()))
            .toList();
    StatusSnapshot s =
        new StatusSnapshot(
            new StatusSnapshot.Matrix(
                StatusSnapshot.ConnectionState.CONNECTED, Optional.empty(), "@b:x", "D", 1),
            new StatusSnapshot.Semaphore(true, "2.10"),
            new StatusSnapshot.E2ee(true, false, 3),
            Duration.ZERO,
            1,
            tasks);
    List<String> lines = StatusText.lines(s);
    assertThat(lines.getLast()).contains("and 2 more");
    assertThat(String.join("\n", lines)).contains("not cross-signed · 3 undecryptable");
  }

  @Test
  void aReplicaOnPostgresShowsItsRoleAndLeaseEpoch() {
    StatusSnapshot s =
        new StatusSnapshot(
            new StatusSnapshot.Matrix(
                StatusSnapshot.ConnectionState.CONNECTED, Optional.empty(), "@b:x", "D", 1),
            new StatusSnapshot.Semaphore(true, "2.10"),
            new StatusSnapshot.E2ee(false, false, 0),
            Duration.ZERO,
            1,
            List.of(),
            "unconfirmed",
            7);
    assertThat(StatusText.lines(s)).contains("Role       unconfirmed · lease epoch 7");
  }
}
