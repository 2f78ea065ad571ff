package cd.chatrix.matrix.testing;

import cd.chatrix.matrix.http.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every wait it is asked for, and really waits (capped, so tests stay quick). */
public final class RecordingSleeper implements Sleeper {
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final Duration cap;

  public RecordingSleeper(Duration cap) {
    this.cap = cap;
  }

  @Override
  public void sleep(Duration duration) {
    waits.add(duration);
    Sleeper.REAL.sleep(duration.compareTo(cap) > 0 ? cap : duration);
  }

  public List<Duration> waits() {
    return List.copyOf(waits);
  }
}
