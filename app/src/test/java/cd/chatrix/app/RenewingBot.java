package cd.chatrix.app;

import static cd.chatrix.app.boot.demo.RoomEvents.isEdit;
import static cd.chatrix.app.boot.demo.RoomEvents.repliesTo;

import cd.chatrix.app.boot.SandboxBot;
import cd.chatrix.app.boot.StartException;
import cd.chatrix.app.boot.demo.DemoSandbox;
import cd.chatrix.app.boot.run.Shutdown;
import cd.chatrix.matrix.auth.SessionTokens;
import cd.chatrix.testkit.matrix.Dialect;
import cd.chatrix.testkit.matrix.TestUser;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The real bot on a sandbox whose homeserver speaks a given dialect, watched the way a long-run
 * test needs: every log line (for ERRORs and for counting renewals), the platform threads and the
 * open sockets of this process, and the commands a person sends with the answers they got.
 */
final class RenewingBot implements AutoCloseable {
  static final Duration ANSWER = Duration.ofSeconds(30);

  private final DemoSandbox sandbox;
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final Logger tokensLogger = (Logger) LoggerFactory.getLogger(SessionTokens.class);
  private final Level tokensLevel = tokensLogger.getLevel();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final List<String> commands = new ArrayList<>();
  private Shutdown botShutdown;
  private boolean started;

  RenewingBot(Dialect dialect) {
    this.sandbox = DemoSandbox.start(dialect);
    log.start();
    root.addAppender(log);
    tokensLogger.setLevel(Level.DEBUG); // its "New access token" lines count the renewals
  }

  DemoSandbox sandbox() {
    return sandbox;
  }

  TestUser person() {
    return sandbox.person();
  }

  /**
   * Starts the bot through its config file; the first time, returns once it is in the sandbox's
   * room.
   */
  void start(Consumer<ObjectNode> adjust) {
    botShutdown = new Shutdown(Duration.ofSeconds(5));
    try {
      SandboxBot.start(
          sandbox,
          botShutdown,
          config -> {
            ((ObjectNode) config.get("bot")).put("rate_limit_per_minute", 0);
            adjust.accept(config);
          });
    } catch (StartException e) {
      throw new AssertionError("the bot did not start: " + e.getMessage(), e);
    }
    if (started) {
      return; // already a member; the caller's next command shows it answers
    }
    started = true;
    person()
        .awaitEvent(
            sandbox.roomId(),
            e ->
                "m.room.member".equals(e.path("type").asString(""))
                    && sandbox.botUserId().equals(e.path("state_key").asString(""))
                    && "join".equals(e.path("content").path("membership").asString("")),
            ANSWER);
  }

  void stop() {
    if (botShutdown != null) {
      botShutdown.stopAll();
      botShutdown = null;
    }
  }

  /** Sends a command and remembers it. */
  String command(String text) {
    String id = person().sendText(sandbox.roomId(), text);
    commands.add(id);
    return id;
  }

  /** Sends a command and waits for its answer. */
  JsonNode ask(String text) {
    String id = command(text);
    return person()
        .awaitEvent(sandbox.roomId(), e -> isBotAnswer(e) && repliesTo(id).test(e), ANSWER);
  }

  /** Waits until every command sent so far has an answer (read from the room's timeline). */
  void awaitAllAnswered() {
    Awaitility.await("an answer to each of " + commands.size() + " commands")
        .atMost(ANSWER)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> answersPerCommand().stream().allMatch(n -> n >= 1));
  }

  /** How many answers (edits not counted) each command got, in the order they were sent. */
  List<Long> answersPerCommand() {
    List<JsonNode> timeline = person().timeline(sandbox.roomId());
    return commands.stream()
        .map(id -> timeline.stream().filter(this::isBotAnswer).filter(repliesTo(id)).count())
        .toList();
  }

  int commandsSent() {
    return commands.size();
  }

  private boolean isBotAnswer(JsonNode e) {
    return sandbox.botUserId().equals(e.path("sender").asString(""))
        && "m.room.message".equals(e.path("type").asString(""))
        && !isEdit(e);
  }

  /** Times the bot got a new access token (refresh or new login) since it started. */
  long renewals() {
    return events().stream()
        .filter(e -> e.getLoggerName().equals(SessionTokens.class.getName()))
        .filter(e -> e.getFormattedMessage().startsWith("New access token"))
        .count();
  }

  List<String> lines(Level level) {
    return events().stream()
        .filter(e -> e.getLevel() == level)
        .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage())
        .toList();
  }

  private List<ILoggingEvent> events() {
    synchronized (log) { // AppenderBase.doAppend holds the same lock
      return List.copyOf(log.list);
    }
  }

  /**
   * Platform threads of this process, without the JVM's own elastic pools (JIT compiler threads,
   * the carriers of virtual threads), whose size the JVM changes by itself.
   */
  static long threads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> !n.contains("CompilerThread") && !n.startsWith("ForkJoinPool"))
        .count();
  }

  /** Open sockets of this process (client and server ends), from {@code /proc/self/fd}. */
  static long sockets() {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.filter(
              fd -> {
                try {
                  return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException gone) {
                  return false; // closed while listing
                }
              })
          .count();
    } catch (IOException e) {
      throw new AssertionError("cannot list /proc/self/fd", e);
    }
  }

  @Override
  public void close() {
    stop();
    root.detachAppender(log);
    tokensLogger.setLevel(tokensLevel);
    sandbox.close();
  }
}
