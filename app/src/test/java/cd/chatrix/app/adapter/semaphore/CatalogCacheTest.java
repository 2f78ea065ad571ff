package cd.chatrix.app.adapter.semaphore;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.ManualClock;
import cd.chatrix.bot.port.Project;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** When the kept lists are used, and when they are read again. */
class CatalogCacheTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T10:00:00Z"));
  private final CatalogCache cache = new CatalogCache(clock);
  private final AtomicInteger reads = new AtomicInteger();

  private List<Project> read() {
    reads.incrementAndGet();
    return List.of(new Project(reads.get(), "P" + reads.get()));
  }

  @Test
  void keptUntilForgottenOrOld() {
    assertThat(cache.projects(this::read)).extracting(Project::name).containsExactly("P1");
    assertThat(cache.projects(this::read)).extracting(Project::name).containsExactly("P1");
    assertThat(cache.forget()).isTrue();
    assertThat(cache.forget()).isFalse();
    assertThat(cache.projects(this::read)).extracting(Project::name).containsExactly("P2");
    clock.advance(CatalogCache.MAX_AGE.plus(Duration.ofSeconds(1)));
    assertThat(cache.projects(this::read)).extracting(Project::name).containsExactly("P3");
    assertThat(reads).hasValue(3);
  }

  @Test
  void aReadThatOverlapsAForgetIsNotKept() {
    cache.projects(() -> {
      cache.forget(); // an alert arrives while the list is being read
      return read();
    });
    cache.projects(this::read);
    assertThat(reads).hasValue(2);
  }
}
