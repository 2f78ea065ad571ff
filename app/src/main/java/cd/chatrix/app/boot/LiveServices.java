package cd.chatrix.app.boot;

import cd.chatrix.app.adapter.crypto.ChatEncryption;
import cd.chatrix.app.adapter.crypto.DeviceTrustCheck;
import cd.chatrix.app.adapter.crypto.EncryptionBridge;
import cd.chatrix.app.adapter.matrix.BotInbox;
import cd.chatrix.app.adapter.matrix.EventRouter;
import cd.chatrix.app.adapter.matrix.MatrixChat;
import cd.chatrix.app.adapter.matrix.MatrixSetup;
import cd.chatrix.app.adapter.matrix.MatrixStores;
import cd.chatrix.app.adapter.matrix.NoticeLedger;
import cd.chatrix.app.adapter.matrix.OperatorPrompts;
import cd.chatrix.app.adapter.semaphore.SemaphoreConfigMapping;
import cd.chatrix.app.adapter.semaphore.SemaphoreRunner;
import cd.chatrix.app.adapter.semaphore.StartingPoints;
import cd.chatrix.app.adapter.semaphore.TaskFeed;
import cd.chatrix.app.boot.console.RunningBot;
import cd.chatrix.app.boot.run.Shutdown;
import cd.chatrix.app.boot.startup.Startup;
import cd.chatrix.app.boot.startup.StartupFailed;
import cd.chatrix.app.boot.startup.StartupRefused;
import cd.chatrix.app.boot.startup.StartupStopped;
import cd.chatrix.app.cli.Version;
import cd.chatrix.app.config.ChatrixConfig;
import cd.chatrix.app.ops.BotMetrics;
import cd.chatrix.app.ops.FreshnessCheck;
import cd.chatrix.app.ops.MetricsObserver;
import cd.chatrix.app.ops.OpsServer;
import cd.chatrix.app.ops.ReadinessCheck;
import cd.chatrix.app.ops.SemaphoreAlert;
import cd.chatrix.app.ops.SemaphoreHealth;
import cd.chatrix.app.ops.SemaphoreProbe;
import cd.chatrix.app.ops.SessionCheck;
import cd.chatrix.app.store.Housekeeping;
import cd.chatrix.app.store.bot.SqlStores;
import cd.chatrix.app.store.sql.KeyValueStore;
import cd.chatrix.app.store.sql.Store;
import cd.chatrix.bot.Bot;
import cd.chatrix.bot.BotSettings;
import cd.chatrix.bot.store.Stores;
import cd.chatrix.matrix.MatrixClient;
import cd.chatrix.matrix.send.MessageSender;
import cd.chatrix.semaphore.SemaphoreClient;
import cd.chatrix.semaphore.watch.WatcherSettings;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production wiring: Semaphore client and task feed, Matrix client (with encryption) and sync,
 * the bot between them, hot reload, and the optional ops endpoint. Parts are registered with the
 * shutdown owner so that they close in the right order: the bot (which says goodbye through Matrix)
 * first, then the task feed, the Matrix client, encryption, and the store last.
 *
 * <p>The ops endpoint comes first, so {@code /readyz} can say what start-up waits for; the steps
 * that need a server wait for it through {@link Startup}, and a server that refuses the
 * configuration ends start-up with {@link StartException.Kind#CONFIGURATION}.
 */
final class LiveServices implements BotServices {
  private static final Logger log = LoggerFactory.getLogger(LiveServices.class);
  private static final Duration INVITE_ANSWERS_WAIT = Duration.ofSeconds(15);
  private static final Duration SYNC_FRESHNESS = Duration.ofSeconds(90);
  // Semaphore counts as answering for three beats of its probe, and never less than this.
  private static final Duration SEMAPHORE_MIN_FRESHNESS = Duration.ofSeconds(30);

  private Optional<RunningBot> running = Optional.empty();

  @Override
  public Optional<RunningBot> running() {
    return running;
  }

  @Override
  public void start(Context context) throws StartException {
    Startup startup = new Startup(context.config(), context.shutdown());
    if (context.options().daemon()) {
      // The launcher reads the daemon's first lines until "running"; these say why it waits.
      startup.announcingWaitsTo(text -> {
        System.out.println(text);
        System.out.flush();
      });
    }
    try {
      start(context, startup);
    } catch (StartupRefused e) {
      throw StartException.configuration(e.getMessage(), e);
    } catch (StartupStopped e) {
      // A Semaphore that refuses the token stops a start still waiting for the homeserver.
      Optional<String> semaphoreRefusal = startup.semaphoreRefusal();
      if (semaphoreRefusal.isPresent()) {
        throw StartException.configuration(semaphoreRefusal.get(), null);
      }
      throw StartException.stopped();
    } catch (StartupFailed e) {
      throw new StartException(e.getMessage(), e);
    }
  }

  private void start(Context context, Startup startup)
      throws StartException, StartupRefused, StartupStopped, StartupFailed {
    ChatrixConfig config = context.config();
    Shutdown shutdown = context.shutdown();
    // Prometheus series only when something can scrape them (memory.md, "Fewer classes at idle").
    BotMetrics metrics = BotMetrics.forEndpoint(config.http().enabled());
    FreshnessCheck syncCheck = new FreshnessCheck("matrix_sync", SYNC_FRESHNESS);
    // The probe asks once per poll interval, so a problem shows in the log within one interval.
    Duration semaphoreBeat = SemaphoreConfigMapping.feedRefresh(config.plugins().semaphorePoll());
    SemaphoreHealth semaphoreHealth =
        new SemaphoreHealth(max(semaphoreBeat.multipliedBy(3), SEMAPHORE_MIN_FRESHNESS));
    // What /readyz asks, in order; a part that knows more about health adds its check here.
    List<ReadinessCheck> readiness =
        new CopyOnWriteArrayList<>(List.of(startup.check(), syncCheck, semaphoreHealth));
    AtomicReference<TaskFeed> feedOnceUp = new AtomicReference<>();
    AtomicReference<SemaphoreRunner> runnerOnceUp = new AtomicReference<>();
    // First of all, so /readyz says what start-up waits for, and an http.bind this machine
    // cannot listen on is reported before anything logs in.
    Optional<OpsServer> ops =
        startOpsServer(
            context,
            metrics,
            () -> ReadinessCheck.allOf(readiness).check(),
            alert -> {
              // Semaphore says nothing when a template changes: an alert is a good moment to look.
              Optional.ofNullable(runnerOnceUp.get()).ifPresent(SemaphoreRunner::forgetCatalog);
              lookNow(feedOnceUp.get(), alert);
            });
    // A standby waits here, answering /readyz and /metrics, until the leader's lease runs out.
    readiness.add(context.leadership().readiness());
    metrics.lease(() -> context.leadership().role().wireName(), context.leadership()::epoch);
    awaitLeadership(context);

    SemaphoreClient semaphore =
        startup.semaphore(() ->
            SemaphoreClient.create(
                SemaphoreConfigMapping.settings(config.semaphore()),
                request -> {
                  metrics.semaphoreRequest(request);
                  semaphoreHealth.requestDone(request);
                }));
    shutdown.register("Semaphore client", semaphore);
    startup.checkSemaphoreToken(semaphore);
    // Its requests keep semaphoreHealth fresh while the bot is idle.
    SemaphoreProbe probe = SemaphoreProbe.start(semaphore, semaphoreBeat);
    shutdown.register("Semaphore probe", probe);

    MatrixConnection matrix = MatrixConnection.open(config, context.store(), shutdown, startup);
    matrix.client().onSync(batch -> syncCheck.markOk());
    readiness.add(new SessionCheck(matrix.client()::sessionEnded));
    observeMatrix(matrix, metrics);

    // Verification reports must be listening before the first sync brings to-device events.
    Optional<ChatEncryption> chatEncryption =
        matrix
            .e2ee()
            .map(e2ee -> ChatEncryption.over(e2ee, matrix.client(), config.matrix().trustPolicy()));
    chatEncryption.ifPresent(e -> shutdown.register("verification reports", e));

    TaskFeed feed =
        new TaskFeed(
            semaphore,
            watcherSettings(config),
            refresh(config),
            StartingPoints.in(new KeyValueStore(context.store())));
    String botUserId = matrix.client().session().userId();
    AtomicReference<BotSettings> settings = new AtomicReference<>(settingsFor(config, botUserId));
    Stores stores = SqlStores.open(context.store(), config.plugins().aliases().aliasesFile());
    shutdown.register(
        "housekeeping",
        Housekeeping.start(context.store(), Housekeeping.Retention.defaults(), Duration.ofDays(1)));
    SemaphoreRunner runner = new SemaphoreRunner(semaphore, feed::watch, feed::baseline);
    runnerOnceUp.set(runner);
    Bot bot =
        Bot.builder()
            .settings(settings::get)
            .chat(new MatrixChat(matrix.client()))
            .runner(context.leadership().guard(runner))
            .stores(stores)
            .lifecycle(reason -> shutdown.requestStop())
            .e2eeStatus(matrix::encryptionStatus)
            .encryption(chatEncryption)
            .observer(new MetricsObserver(metrics))
            .build();
    feed.follow(bot).start();
    shutdown.register("Semaphore task feed", feed);
    feedOnceUp.set(feed);
    metrics.monitoredTasks(() -> bot.watchedTasks().size());

    EventRouter.attach(
        matrix.client(),
        BotInbox.of(bot),
        matrix::onRoomEvent,
        DeviceTrustCheck.of(config.matrix().trustPolicy(), matrix.e2ee()),
        NoticeLedger.in(new KeyValueStore(context.store())));
    // Back from a store outage, the sync loop goes on at once rather than after its back-off, and
    // the task feed looks for runs that ended meanwhile rather than at its next refresh.
    context.leadership().whenActingAgain(matrix.client().sync()::retryNow);
    context.leadership().whenActingAgain(feed::refreshSoon);
    matrix.client().startSync();
    startup.awaitFirstSync(matrix.client());
    awaitInviteAnswers(matrix.client());
    startup.settleSemaphoreToken();

    // Before the bot starts, so its greeting already comes from config.json and messages.json.
    AtomicReference<ChatrixConfig> currentConfig = new AtomicReference<>(config);
    HotReload.start(
        context,
        config,
        next -> {
          currentConfig.set(next);
          settings.set(settingsFor(next, botUserId));
          runner.forgetCatalog();
        },
        bot);
    // Registered before it starts: a stop that arrives mid-start still gets its goodbye.
    shutdown.register("bot", bot);
    bot.start();
    startup.check().done();
    running =
        Optional.of(
            new RunningBot(
                currentConfig::get,
                settings::get,
                bot,
                stores,
                matrix.client(),
                matrix.e2ee(),
                semaphore,
                feed,
                metrics,
                ops,
                shutdown,
                Instant.now()));
    log.info(
        "Connected to {} as {} (device {}); Semaphore at {}",
        config.matrix().homeserver(),
        botUserId,
        matrix.client().session().deviceId(),
        config.semaphore().url());
  }

  private static void awaitLeadership(Context context) throws StartupStopped {
    try {
      if (!context.leadership().awaitLeadership(context.shutdown()::stopRequested)) {
        throw new StartupStopped();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupStopped();
    }
  }

  /** Rooms the bot was invited to while away are joined before it greets its rooms. */
  private static void awaitInviteAnswers(MatrixClient matrix) throws StartupStopped {
    try {
      matrix.awaitInviteAnswers(INVITE_ANSWERS_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupStopped();
    }
  }

  private static WatcherSettings watcherSettings(ChatrixConfig config) {
    // The original's way to switch task monitoring off. Here a run the bot started is always
    // followed to its end (a run that goes silent in chat is worse), so it only means the default
    // pace; say so rather than ignore it quietly.
    return SemaphoreConfigMapping.watcher(config.plugins().semaphorePoll())
        .orElseGet(() -> {
          log.warn(
              "plugins.semaphore_poll.enabled is false, but runs started from chat are still"
                  + " followed to their end (at the default pace); remove the key, or set"
                  + " poll_interval to poll less often");
          return WatcherSettings.defaults();
        });
  }

  private static Duration refresh(ChatrixConfig config) {
    return SemaphoreConfigMapping.feedRefresh(config.plugins().semaphorePoll());
  }

  static BotSettings settingsFor(ChatrixConfig config, String botUserId) {
    BotSettingsMapper.Mapped mapped =
        BotSettingsMapper.map(config, botUserId, config.semaphore().url(), Version.current());
    mapped.warnings().forEach(w -> log.warn("Configuration: {}", w));
    return mapped.settings();
  }

  /** Sync latency, the send queue and undecryptable events, for {@code /metrics}. */
  private static void observeMatrix(MatrixConnection matrix, BotMetrics metrics) {
    matrix.client().sync().addTimingListener((elapsed, events) -> metrics.syncProcessed(elapsed));
    MessageSender sender = matrix.client().sender();
    metrics.sendQueueDepth(sender::queued);
    matrix.e2ee().ifPresent(bridge -> bridge.onUndecryptable(metrics::undecryptableEvent));
  }

  private static Optional<OpsServer> startOpsServer(
      Context context,
      BotMetrics metrics,
      ReadinessCheck readiness,
      Consumer<SemaphoreAlert> alerts)
      throws StartException {
    try {
      Optional<OpsServer> server =
          OpsServer.startIfEnabled(context.config().http(), metrics, readiness, alerts);
      server.ifPresent(s -> context.shutdown().register("ops HTTP endpoint", s));
      return server;
    } catch (OpsServer.UnusableAddress e) {
      throw StartException.configuration(e.getMessage(), e);
    } catch (IOException e) {
      throw new StartException(e.getMessage(), e);
    }
  }

  /**
   * An alert is a hint, not proof (only a shared secret guards the endpoint): the feed re-reads the
   * task's project from Semaphore now, and the room hears what Semaphore itself says.
   */
  private static void lookNow(TaskFeed feed, SemaphoreAlert alert) {
    if (feed == null) {
      // Still starting: the feed reads every project's newest tasks when it starts anyway.
      log.debug("A Semaphore alert arrived before the bot was up; the start-up read covers it");
      return;
    }
    feed.checkSoon(alert.projectId());
  }

  /** The Matrix client, logged in, with encryption installed when the config asks for it. */
  private record MatrixConnection(MatrixClient client, Optional<EncryptionBridge> e2ee) {

    static MatrixConnection open(
        ChatrixConfig config, Store store, Shutdown shutdown, Startup startup)
        throws StartupRefused, StartupStopped, StartupFailed {
      MatrixClient client =
          startup.loggedIn(
              () -> MatrixSetup.clientBuilder(config.matrix(), MatrixStores.on(store)).build(),
              MatrixSetup.loginMethod(config.matrix(), OperatorPrompts.console()));
      // Its tokens (and every renewed pair) reach the log redactor through the session store.
      try {
        Optional<EncryptionBridge> e2ee =
            config.matrix().e2ee()
                ? Optional.of(EncryptionBridge.install(client, store, config.matrix()))
                : Optional.empty();
        // Registered after encryption, so the client closes first and encryption after it.
        e2ee.ifPresent(bridge -> shutdown.register("encryption", bridge));
        shutdown.register("Matrix client", client);
        return new MatrixConnection(client, e2ee);
      } catch (RuntimeException e) {
        client.close();
        throw new StartupFailed("Could not set up encryption: " + e.getMessage(), e);
      }
    }

    /** Room events come decrypted through the bridge when there is one. */
    void onRoomEvent(cd.chatrix.matrix.sync.RoomEventHandler handler) {
      e2ee.ifPresentOrElse(
          bridge -> bridge.onRoomEvent(handler), () -> client.onRoomEvent(handler));
    }

    String encryptionStatus() {
      return e2ee.isPresent()
          ? "on, device " + client.session().deviceId()
          : "off (matrix.e2ee is false)";
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
