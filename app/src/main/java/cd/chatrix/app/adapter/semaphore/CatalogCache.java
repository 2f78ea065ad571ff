package cd.chatrix.app.adapter.semaphore;

import cd.chatrix.bot.port.Project;
import cd.chatrix.bot.port.Template;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The project list and each project's template list, kept between commands so that naming a
 * template costs no request. Semaphore says nothing when a template changes, so a copy is dropped
 * when a config reload or a Semaphore alert says things may have moved ({@link #forget}), when a
 * name or id was not found in it (the bot then asks {@link #forget} and reads once more), and in
 * any case after {@link #MAX_AGE}.
 */
final class CatalogCache {
  /** A backstop for renames nobody told the bot about; misses and alerts refresh sooner. */
  static final Duration MAX_AGE = Duration.ofMinutes(5);

  private record Copy<T>(List<T> items, Instant readAt) {}

  private final Clock clock;
  // Bumped by forget(): a read that began before it must not store what it read.
  private final AtomicLong generation = new AtomicLong();
  private volatile Copy<Project> projects;
  private final Map<Long, Copy<Template>> templates = new ConcurrentHashMap<>();

  CatalogCache(Clock clock) {
    this.clock = clock;
  }

  List<Project> projects(Supplier<List<Project>> read) {
    Copy<Project> copy = projects;
    if (fresh(copy)) {
      return copy.items();
    }
    long before = generation.get();
    Copy<Project> read1 = new Copy<>(List.copyOf(read.get()), clock.instant());
    if (generation.get() == before) {
      projects = read1;
    }
    return read1.items();
  }

  List<Template> templates(long projectId, Supplier<List<Template>> read) {
    Copy<Template> copy = templates.get(projectId);
    if (fresh(copy)) {
      return copy.items();
    }
    long before = generation.get();
    Copy<Template> read1 = new Copy<>(List.copyOf(read.get()), clock.instant());
    if (generation.get() == before) {
      templates.put(projectId, read1);
    }
    return read1.items();
  }

  /** Drops every copy; true when there was one to drop (so reading again may find more). */
  boolean forget() {
    generation.incrementAndGet();
    boolean had = projects != null || !templates.isEmpty();
    projects = null;
    templates.clear();
    return had;
  }

  private boolean fresh(Copy<?> copy) {
    return copy != null && copy.readAt().plus(MAX_AGE).isAfter(clock.instant());
  }
}
