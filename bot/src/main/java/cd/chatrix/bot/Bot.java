package cd.chatrix.bot;

import cd.chatrix.bot.command.AliasTable;
import cd.chatrix.bot.flow.Actions;
import cd.chatrix.bot.flow.CommandTiming;
import cd.chatrix.bot.flow.Confirmations;
import cd.chatrix.bot.flow.CutStarts;
import cd.chatrix.bot.flow.Dispatcher;
import cd.chatrix.bot.flow.Forms;
import cd.chatrix.bot.flow.LogStreamer;
import cd.chatrix.bot.flow.Picks;
import cd.chatrix.bot.flow.RunMonitor;
import cd.chatrix.bot.flow.Services;
import cd.chatrix.bot.flow.TrustGate;
import cd.chatrix.bot.policy.AccessPolicy;
import cd.chatrix.bot.policy.InviteVerdict;
import cd.chatrix.bot.policy.RateLimiter;
import cd.chatrix.bot.port.BotObserver.CommandOutcome;
import cd.chatrix.bot.port.Relation;
import cd.chatrix.bot.port.TaskInfo;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.text.MessageCatalog;
import cd.chatrix.bot.text.Reply;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ChatOps bot. The app feeds it events ({@link #onMessage}, {@link #onReaction}, {@link
 * #onTaskUpdate}), asks it what to do with invites ({@link #inviteVerdict}), and it answers through
 * its ports. Events of one room should arrive in order; rooms may be handled in parallel.
 *
 * <pre>{@code
 * Bot bot = Bot.builder()
 *     .settings(currentSettings::get)      // re-read on every event: hot reload
 *     .chat(chatPort).runner(runnerPort)
 *     .stores(new Stores(confirmations, runs, audit, aliases, rooms))
 *     .lifecycle(reason -> app.shutdown())
 *     .build();
 * bot.start();                             // greetings, resume monitors, periodic work
 * }</pre>
 */
public final class Bot implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Bot.class.getName());

  private final Services services;
  private final Confirmations confirmations;
  private final Forms forms;
  private final Picks picks;
  private final RunMonitor monitor;
  private final CutStarts cutStarts;
  private final LogStreamer streamer;
  private final Dispatcher dispatcher;
  private final RateLimiter rateLimiter = new RateLimiter();
  private final PeriodicTrouble tickTrouble = new PeriodicTrouble();
  private final boolean autoTick;
  private final Duration tickInterval;
  private ExecutorService ticker;
  private boolean running;
  private final RecentEvents seen = new RecentEvents(2048);

  Bot(Services services, boolean autoTick, Duration tickInterval) {
    this.services = services;
    this.streamer = new LogStreamer(services);
    this.monitor = new RunMonitor(services, streamer);
    var trust = new TrustGate(services);
    this.confirmations = new Confirmations(services, new Actions(services, monitor), trust);
    this.cutStarts = new CutStarts(services, confirmations, monitor);
    this.forms = new Forms(services, confirmations, trust);
    this.picks = new Picks(services);
    this.dispatcher = new Dispatcher(services, confirmations, forms, picks, trust);
    this.autoTick = autoTick;
    this.tickInterval = tickInterval;
  }

  public static BotBuilder builder() {
    return new BotBuilder();
  }

  /** A room message. Yes/no answers to pending questions are taken; commands are handled. */
  public void onMessage(IncomingMessage message) {
    BotSettings settings = services.settings();
    if (message.sender().equals(settings.botUserId()) || !seen.firstTime(message.eventId())) {
      return;
    }
    try {
      // A survey answer first: "no" may well be one. Commands are never taken as answers.
      if (forms.onText(message) || confirmations.onText(message)) {
        return;
      }
      Optional<String> text = commandText(settings.prefix(), message.body());
      if (text.isPresent()) {
        handle(message, text.get(), settings);
        return;
      }
      var picked = picks.take(message);
      if (picked.isPresent() && !picked.get().command().isEmpty()) {
        // A number picked from a list: the command goes on as if it had named that one.
        handle(picked.get().message(), picked.get().command(), settings);
      }
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.ERROR, "Message " + message.eventId() + " could not be handled", e);
    }
  }

  private void handle(IncomingMessage message, String text, BotSettings settings) {
    var policy = new AccessPolicy(settings);
    if (!policy.roomAllowed(message.roomId())) {
      LOG.log(
          System.Logger.Level.DEBUG,
          "Ignoring a command in {0}: not an allowed room",
          message.roomId());
      return;
    }
    var handled = new AtomicReference<Dispatcher.Handled>();
    var timing = CommandTiming.time(() -> handled.set(command(message, text, settings, policy)));
    services
        .observer()
        .commandHandled(
            handled.get().command(),
            handled.get().outcome(),
            timing.processing(),
            timing.waitingOnPort());
  }

  private Dispatcher.Handled command(
      IncomingMessage message, String text, BotSettings settings, AccessPolicy policy) {
    var verdict = rateLimiter.check(message.sender(), settings.rateLimit(), services.now());
    if (verdict.allowed()) {
      return dispatcher.dispatch(message, text, settings, policy);
    }
    if (verdict.warn()) {
      services.post(
          message.roomId(),
          Reply.text(
              services.messages().pick("rate_limited", Map.of("name", message.senderName()))),
          Optional.of(new Relation.Reply(message.eventId())));
    }
    return new Dispatcher.Handled(Dispatcher.UNKNOWN, CommandOutcome.RATE_LIMITED);
  }

  /** A reaction: answers confirmations and approvals; anything else is ignored. */
  public void onReaction(IncomingReaction reaction) {
    if (reaction.sender().equals(services.settings().botUserId())
        || !seen.firstTime(reaction.eventId())) {
      return;
    }
    try {
      confirmations.onReaction(reaction);
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.ERROR, "Reaction " + reaction.eventId() + " could not be handled", e);
    }
  }

  /** A task state from Semaphore (push or poll). Unknown tasks matter only to subscribed rooms. */
  public void onTaskUpdate(TaskInfo update) {
    try {
      monitor.onUpdate(update);
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.ERROR, "Task update " + update.ref() + " could not be applied", e);
    }
  }

  /** What to do with an invite, and why: see {@link AccessPolicy#invite}. */
  public InviteVerdict inviteVerdict(String inviter, String roomId) {
    return new AccessPolicy(services.settings()).invite(inviter, roomId);
  }

  /**
   * Says in a room the bot joined but does not serve that it is not enabled there, and which
   * setting an admin changes to enable it. The caller sends it once per room; returns whether it
   * went out.
   */
  public boolean announceNotEnabled(String roomId) {
    var notice =
        Reply.text("👋 Thanks for the invite. This room is not enabled for me, so I will not")
            .add(" answer commands here. To enable it, an admin adds its id ")
            .code(roomId)
            .add(" to ")
            .code("bot.allowed_rooms")
            .add(" in my configuration.");
    return services.send(roomId, notice, Optional.empty()).isPresent();
  }

  /** Greets, resumes monitoring of unfinished runs, and starts the periodic work. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    greet("startup");
    monitor.resume();
    try {
      forms.resume();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Resuming half-filled runs failed", e);
    }
    tick();
    if (autoTick) {
      ticker = Executors.newVirtualThreadPerTaskExecutor();
      ticker.submit(this::tickLoop);
    }
  }

  /** Stops periodic work and says goodbye. Idempotent. */
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    if (ticker != null) {
      ticker.shutdownNow();
      try {
        if (!ticker.awaitTermination(5, TimeUnit.SECONDS)) {
          LOG.log(System.Logger.Level.WARNING, "Periodic work did not stop within 5 s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ticker = null;
    }
    greet("shutdown");
  }

  @Override
  public void close() {
    stop();
  }

  /**
   * One round of periodic work: expire confirmations, settle starts cut off by a stop, stream
   * output. Safe to call any time.
   */
  public void tick() {
    var now = services.now();
    tickTrouble.attempt("Expiring confirmations", () -> confirmations.expire(now));
    tickTrouble.attempt("Expiring half-filled runs", () -> forms.expire(now));
    tickTrouble.attempt("Settling runs confirmed before the restart", cutStarts::settle);
    tickTrouble.attempt("Running reminders", () -> monitor.remind(now));
    tickTrouble.attempt("Streaming output", () -> monitor.streamTick(now));
    tickTrouble.roundDone();
  }

  private void tickLoop() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(tickInterval);
      } catch (InterruptedException e) {
        return;
      }
      tick();
    }
  }

  /** Tasks the app's watcher should follow (poll fallback). */
  public List<TaskRef> watchedTasks() {
    return services.stores().runs().active().stream().map(r -> r.task()).distinct().toList();
  }

  /** Projects the watcher should poll: those with watched tasks and those rooms subscribe to. */
  public Set<Long> watchedProjects() {
    var out = new LinkedHashSet<Long>();
    watchedTasks().forEach(t -> out.add(t.projectId()));
    services
        .stores()
        .rooms()
        .all()
        .forEach(r -> r.subscriptions().forEach(s -> out.add(s.projectId())));
    return out;
  }

  /** The alias table, for hot reload of {@code aliases.json} ({@code replaceAll}). */
  public AliasTable aliases() {
    return services.aliases();
  }

  /** The message catalog, for hot reload of {@code messages.json} ({@code replace}). */
  public MessageCatalog messages() {
    return services.messages();
  }

  private void greet(String category) {
    BotSettings settings = services.settings();
    if (!settings.greetingsEnabled()) {
      return;
    }
    String text = services.messages().pick(category);
    if (text.isBlank()) {
      return;
    }
    for (String room : settings.greetingRooms()) {
      services.send(room, Reply.text(text), Optional.empty());
    }
  }

  /**
   * The text after the prefix, when the body is a command: the prefix must end at a word boundary.
   */
  static Optional<String> commandText(String prefix, String body) {
    String b = body.strip();
    if (b.length() < prefix.length()
        || !b.substring(0, prefix.length())
            .toLowerCase(Locale.ROOT)
            .equals(prefix.toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    String rest = b.substring(prefix.length());
    if (!rest.isEmpty() && !Character.isWhitespace(rest.charAt(0))) {
      return Optional.empty();
    }
    return Optional.of(rest.strip());
  }
}
