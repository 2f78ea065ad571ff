package cd.chatrix.app.config;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file kept current while the bot runs. The parent directory is watched rather than the file
 * itself, because editors save by renaming a temporary file and Kubernetes swaps ConfigMaps by
 * re-pointing a {@code ..data} symlink; both replace the inode a file watch would hold. Events are
 * debounced, the content hash decides whether anything changed, and only content the parser accepts
 * replaces the current value (atomically). A slow poll covers lost events (OVERFLOW, network file
 * systems). Subscribers run on the watcher's virtual thread after each swap.
 */
public final class WatchedFile<T> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WatchedFile.class);
  private static final byte[] ABSENT = new byte[0];

  /**
   * @param debounce quiet time after the last change event before the file is read
   * @param pollInterval how often the file is re-read anyway, as a safety net
   */
  public record Options(Duration debounce, Duration pollInterval) {
    public static final Options DEFAULT =
        new Options(Duration.ofMillis(200), Duration.ofSeconds(10));
  }

  /** Handle returned by {@link #subscribe}; closing it stops the notifications. */
  @FunctionalInterface
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  private final Path file;
  private final Path directory;
  private final FileParser<T> parser;
  private final Options options;
  private final AtomicReference<T> current;
  private final CopyOnWriteArrayList<Consumer<? super T>> subscribers =
      new CopyOnWriteArrayList<>();
  private final ReentrantLock checkLock = new ReentrantLock();
  private final WatchService watchService;
  private final Thread thread;
  private volatile boolean running = true;
  private boolean registered;
  private byte[] lastHash;

  private WatchedFile(Path file, FileParser<T> parser, T initial, Options options)
      throws IOException {
    this.file = file.toAbsolutePath().normalize();
    this.directory = this.file.getParent();
    this.parser = parser;
    this.options = options;
    this.current = new AtomicReference<>(initial);
    this.watchService = this.file.getFileSystem().newWatchService();
    register();
    check(true);
    this.thread = Thread.ofVirtual().name("watch-" + this.file.getFileName()).unstarted(this::loop);
  }

  /**
   * Reads {@code file} now and starts watching it. If the file cannot be parsed now, {@code
   * initial} is the value until a good version appears (and the reason is logged).
   */
  public static <T> WatchedFile<T> start(
      Path file, FileParser<T> parser, T initial, Options options) throws IOException {
    Objects.requireNonNull(initial, "initial");
    WatchedFile<T> watched = new WatchedFile<>(file, parser, initial, options);
    watched.thread.start();
    return watched;
  }

  /** The last good value. */
  public T current() {
    return current.get();
  }

  public Path file() {
    return file;
  }

  /**
   * Calls {@code listener} with each new value after it is swapped in. Close the returned handle to
   * stop listening.
   */
  public Subscription subscribe(Consumer<? super T> listener) {
    Objects.requireNonNull(listener, "listener");
    subscribers.add(listener);
    return () -> subscribers.remove(listener);
  }

  /** Re-reads the file now, e.g. after the bot wrote it; true when a new value was swapped in. */
  public boolean reloadNow() {
    return check(false);
  }

  private void loop() {
    long debounce = options.debounce().toNanos();
    long poll = options.pollInterval().toNanos();
    long deadline = 0;
    long firstEvent = 0;
    long lastCheck = System.nanoTime();
    while (running) {
      long now = System.nanoTime();
      long wake = deadline != 0 ? deadline : lastCheck + poll;
      WatchKey key;
      try {
        key = watchService.poll(Math.max(0, wake - now), TimeUnit.NANOSECONDS);
      } catch (ClosedWatchServiceException | InterruptedException stopped) {
        return;
      }
      now = System.nanoTime();
      if (key != null) {
        if (relevant(key)) {
          if (deadline == 0) {
            firstEvent = now;
          }
          // Keep postponing while changes keep coming, but never starve for longer than 10x.
          deadline = Math.min(now + debounce, firstEvent + 10 * debounce);
        }
        if (!key.reset()) {
          registered = false;
          LOG.warn(
              "{} is no longer watchable; checking {} every {} ms instead",
              directory,
              file.getFileName(),
              options.pollInterval().toMillis());
        }
      }
      if (deadline != 0 && now >= deadline) {
        deadline = 0;
        lastCheck = now;
        check(false);
      } else if (deadline == 0 && now >= lastCheck + poll) {
        lastCheck = now;
        if (!registered) {
          register();
        }
        check(false);
      }
    }
  }

  /** Events for our name, Kubernetes' {@code ..data} swap, or lost events matter; others not. */
  private boolean relevant(WatchKey key) {
    boolean relevant = false;
    Path name = file.getFileName();
    for (WatchEvent<?> event : key.pollEvents()) {
      if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
        relevant = true;
      } else if (event.context() instanceof Path changed
          && (changed.equals(name) || changed.toString().startsWith(".."))) {
        relevant = true;
      }
    }
    return relevant;
  }

  private void register() {
    try {
      directory.register(
          watchService,
          StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_MODIFY,
          StandardWatchEventKinds.ENTRY_DELETE);
      registered = true;
    } catch (IOException | ClosedWatchServiceException e) {
      registered = false;
      LOG.debug("cannot watch {} ({}); polling instead", directory, e.getClass().getSimpleName());
    }
  }

  private boolean check(boolean initial) {
    checkLock.lock();
    try {
      Optional<byte[]> bytes;
      try {
        bytes = Optional.of(Files.readAllBytes(file));
      } catch (NoSuchFileException missing) {
        bytes = Optional.empty();
      } catch (IOException e) {
        LOG.warn(
            "cannot read {} ({}); keeping the version in use", file, e.getClass().getSimpleName());
        return false;
      }
      byte[] hash = bytes.map(WatchedFile::sha256).orElse(ABSENT);
      if (Arrays.equals(hash, lastHash)) {
        return false;
      }
      lastHash = hash;
      Optional<String> text = Optional.empty();
      if (bytes.isPresent()) {
        // Strict UTF-8: a Latin-1 file would otherwise be applied with its accents garbled.
        switch (ConfigText.decode(bytes.get(), file.toString())) {
          case ConfigText.Read.Unreadable unreadable -> {
            LOG.warn(
                "{} was not {}: {}. The previous version stays in use until the file is fixed.",
                file,
                initial ? "loaded" : "reloaded",
                unreadable.problem().describe());
            return false;
          }
          case ConfigText.Read.Text decoded -> text = Optional.of(decoded.text());
        }
      }
      ParseOutcome<T> outcome = parser.parse(text);
      switch (outcome) {
        case ParseOutcome.Rejected<T> rejected -> {
          LOG.warn(
              "{} was not {}: {}. The previous version stays in use until the file is fixed.",
              file,
              initial ? "loaded" : "reloaded",
              rejected.reason());
          return false;
        }
        case ParseOutcome.Parsed<T> parsed -> {
          // At start the caller usually loaded (and reported) this same content already.
          if (!(initial && parsed.value().equals(current.get()))) {
            parsed.warnings().forEach(w -> LOG.warn("{}: {}", file.getFileName(), w));
          }
          current.set(parsed.value());
          if (!initial) {
            LOG.info("{} reloaded", file);
            notifySubscribers(parsed.value());
          }
          return true;
        }
      }
    } finally {
      checkLock.unlock();
    }
  }

  private void notifySubscribers(T value) {
    for (Consumer<? super T> subscriber : subscribers) {
      try {
        subscriber.accept(value);
      } catch (RuntimeException e) {
        LOG.error("a component failed to apply the new {}", file.getFileName(), e);
      }
    }
  }

  private static byte[] sha256(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always provides SHA-256", e);
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      watchService.close();
    } catch (IOException e) {
      LOG.debug("closing the watch service for {} failed", directory, e);
    }
    try {
      if (!thread.join(Duration.ofSeconds(2))) {
        thread.interrupt();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
