package cd.chatrix.app.boot.console;

import cd.chatrix.app.config.ChatrixConfig;
import cd.chatrix.app.config.ConfigRenderer;
import cd.chatrix.app.logging.Logging;
import cd.chatrix.app.tui.AliasView;
import cd.chatrix.app.tui.ConsoleModel;
import cd.chatrix.app.tui.DeviceView;
import cd.chatrix.app.tui.LogLine;
import cd.chatrix.app.tui.RoomView;
import cd.chatrix.app.tui.RuntimeSettings;
import cd.chatrix.app.tui.StatusSnapshot;
import cd.chatrix.app.tui.TaskView;
import cd.chatrix.app.tui.VerificationView;
import cd.chatrix.bot.BotSettings;
import cd.chatrix.crypto.OlmMachine;
import cd.chatrix.matrix.room.RoomState;
import cd.chatrix.matrix.sync.SyncEngine;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The console's view of a running bot. Every read is local (memory, the SQLite store, the
 * encryption machine); the one network question, whether Semaphore answers, is asked in the
 * background and cached. Close it to stop that background check. The counts of commands handled and
 * of undecryptable events are the same ones {@code /metrics} serves.
 */
public final class LiveConsoleModel implements ConsoleModel, AutoCloseable {
  /** Three long-poll timeouts without an answer: the sync loop is retrying, not waiting. */
  static final Duration SILENCE = Duration.ofSeconds(90);

  private final RunningBot running;
  private final Supplier<List<LogLine>> logs;
  private final Clock clock;
  private final SemaphoreStatus semaphore;
  private final RecentRuns runs;
  private final AtomicReference<Instant> lastSync = new AtomicReference<>();

  /**
   * @param running the started bot
   * @param logs the recent log lines, oldest first (usually {@code ConsoleLogBuffer::lines})
   */
  public LiveConsoleModel(RunningBot running, Supplier<List<LogLine>> logs) {
    this(running, logs, Clock.systemUTC(), SemaphoreStatus.BEAT);
  }

  LiveConsoleModel(
      RunningBot running, Supplier<List<LogLine>> logs, Clock clock, Duration semaphoreBeat) {
    this.running = running;
    this.logs = logs;
    this.clock = clock;
    this.runs =
        new RecentRuns(
            running.stores().runs(),
            () -> running.matrix().rooms().joined().stream().map(RoomState::roomId).toList());
    running.matrix().onSync(batch -> lastSync.set(clock.instant()));
    this.semaphore = new SemaphoreStatus(running.semaphore(), semaphoreBeat);
  }

  @Override
  public StatusSnapshot status() {
    Optional<OlmMachine> machine = machine();
    StatusSnapshot.E2ee e2ee =
        machine
            .map(
                m -> new StatusSnapshot.E2ee(true, EncryptionViews.crossSigned(m), undecryptable()))
            .orElse(new StatusSnapshot.E2ee(false, false, 0));
    return new StatusSnapshot(
        matrixStatus(),
        semaphore.current(),
        e2ee,
        Duration.between(running.startedAt(), clock.instant()).abs(),
        running.metrics().commandsHandled(),
        runs.active(),
        running.metrics().leaseRole(),
        running.metrics().leaseEpoch());
  }

  private int undecryptable() {
    return (int) Math.min(Integer.MAX_VALUE, running.metrics().undecryptableEvents());
  }

  private StatusSnapshot.Matrix matrixStatus() {
    var session = running.matrix().session();
    Optional<Duration> lag =
        Optional.ofNullable(lastSync.get()).map(t -> Duration.between(t, clock.instant()).abs());
    SyncEngine sync = running.matrix().sync();
    return new StatusSnapshot.Matrix(
        connection(sync.failure().isPresent(), sync.isRunning(), lag),
        lag,
        session.userId(),
        session.deviceId(),
        running.matrix().rooms().joined().size());
  }

  /**
   * A running bot has finished its first sync, so it counts as connected until the loop gives up.
   * The loop retries failed requests by itself; a long silence means it is doing that.
   */
  static StatusSnapshot.ConnectionState connection(
      boolean failed, boolean syncRunning, Optional<Duration> lag) {
    if (failed) {
      return StatusSnapshot.ConnectionState.DISCONNECTED;
    }
    if (!syncRunning) {
      return StatusSnapshot.ConnectionState.STOPPING;
    }
    return lag.filter(l -> l.compareTo(SILENCE) > 0).isPresent()
        ? StatusSnapshot.ConnectionState.RECONNECTING
        : StatusSnapshot.ConnectionState.CONNECTED;
  }

  @Override
  public List<RoomView> rooms() {
    String self = running.matrix().session().userId();
    return running.matrix().rooms().joined().stream()
        .map(r -> room(r, self))
        .sorted(Comparator.comparing(RoomView::label, String.CASE_INSENSITIVE_ORDER))
        .toList();
  }

  private static RoomView room(RoomState r, String self) {
    return new RoomView(
        r.roomId(),
        r.name().or(r::canonicalAlias).orElse(""),
        r.encrypted(),
        r.maySend(self, "m.room.message"),
        r.members().size());
  }

  @Override
  public List<String> admins() {
    return running.settings().get().adminUsers().stream().sorted().toList();
  }

  @Override
  public List<DeviceView> sessions() {
    return machine()
        .map(m -> EncryptionViews.devices(m, admins()))
        .orElseGet(() -> {
          var session = running.matrix().session();
          // Without encryption there are no device keys to trust; show the bot's own login.
          return List.of(
              new DeviceView(
                  session.userId(),
                  session.deviceId(),
                  "this bot (encryption off)",
                  DeviceView.Trust.UNVERIFIED));
        });
  }

  @Override
  public List<AliasView> aliases() {
    return running.bot().aliases().all().entrySet().stream()
        .map(e -> new AliasView(e.getKey(), e.getValue()))
        .toList();
  }

  @Override
  public List<TaskView> tasks() {
    return runs.tasks();
  }

  @Override
  public String effectiveConfig() {
    ChatrixConfig config = running.config().get();
    // Secrets are always masked by the renderer; identities follow the operator's -R choice.
    return ConfigRenderer.render(config, config.bot().redact());
  }

  @Override
  public RuntimeSettings settings() {
    BotSettings settings = running.settings().get();
    return new RuntimeSettings(
        logLevel(),
        settings.greetingsEnabled(),
        running.config().get().plugins().semaphorePoll().pollInterval(),
        settings.prefix());
  }

  @Override
  public boolean saysGoodbye() {
    // The bot greets only the configured greeting rooms; with none there is nobody to tell.
    BotSettings settings = running.settings().get();
    return settings.greetingsEnabled() && !settings.greetingRooms().isEmpty();
  }

  @Override
  public Optional<VerificationView> verification() {
    return machine().flatMap(m -> EncryptionViews.pending(m.verifications()));
  }

  @Override
  public List<LogLine> recentLogs() {
    return logs.get();
  }

  private Optional<OlmMachine> machine() {
    return running.encryption().map(bridge -> bridge.machine());
  }

  static String logLevel() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      Level level = context.getLogger(Logging.PROJECT_LOGGER).getEffectiveLevel();
      return level.toString();
    }
    return "INFO";
  }

  @Override
  public void close() {
    semaphore.close();
  }
}
