package cd.chatrix.app.boot.console;

import cd.chatrix.app.adapter.matrix.MatrixChat;
import cd.chatrix.app.adapter.semaphore.SemaphoreRunner;
import cd.chatrix.app.logging.Logging;
import cd.chatrix.app.tui.ConsoleActions;
import cd.chatrix.bot.port.OutgoingMessage;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.store.MonitoredRun;
import cd.chatrix.crypto.OlmMachine;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the console may do to a running bot, each through the same path the chat commands use: room
 * joins and messages through the Matrix client, aliases through the bot's alias table (which saves
 * {@code aliases.json}), stops through the Semaphore runner.
 *
 * <p>Greetings, poll interval and command prefix come from the configuration file, which the bot
 * reloads when it changes; the running bot has no way to change them in memory, so those actions
 * refuse and name the key to edit.
 */
public final class LiveConsoleActions implements ConsoleActions {
  private static final Logger log = LoggerFactory.getLogger(LiveConsoleActions.class);
  private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

  private final RunningBot running;
  private final MatrixChat chat;
  private final SemaphoreRunner runner;

  public LiveConsoleActions(RunningBot running) {
    this.running = running;
    this.chat = new MatrixChat(running.matrix());
    this.runner = new SemaphoreRunner(running.semaphore(), running.feed()::watch);
  }

  @Override
  public void joinRoom(String roomIdOrAlias) {
    String target = requireText(roomIdOrAlias, "a room id (!…) or alias (#…) to join");
    running.matrix().roomActions().join(target);
    log.info("Operator console: joined {}", target);
  }

  @Override
  public void leaveRoom(String roomId) {
    running.matrix().roomActions().leave(requireText(roomId, "the room to leave"));
    log.info("Operator console: left {}", roomId);
  }

  @Override
  public void say(String roomId, String text) {
    String body = requireText(text, "a message to send");
    chat.send(
        requireText(roomId, "a room to speak in"),
        new OutgoingMessage(body, escape(body), Optional.empty(), List.of()));
  }

  @Override
  public void addAlias(String alias, String command) {
    // Same table and file as "!cd aliases add"; it rejects names that shadow commands.
    running.bot().aliases().add(alias.strip(), command.strip(), running.settings().get().prefix());
  }

  @Override
  public void removeAlias(String alias) {
    if (!running.bot().aliases().remove(alias.strip())) {
      throw new IllegalArgumentException("There is no alias called \"" + alias.strip() + "\".");
    }
  }

  @Override
  public void stopTask(long taskId) {
    MonitoredRun run =
        running
            .stores()
            .runs()
            .byTaskId(taskId)
            .orElseThrow(() ->
                new IllegalArgumentException(
                    "The bot does not follow task "
                        + taskId
                        + "; stop it in Semaphore's web interface."));
    TaskRef task = run.task();
    runner.stop(task, false);
    running.feed().refreshSoon();
    log.info("Operator console: asked Semaphore to stop task {}", taskId);
  }

  @Override
  public void setLogLevel(String level) {
    String wanted = level.strip().toUpperCase(Locale.ROOT);
    if (!LEVELS.contains(wanted)) {
      throw new IllegalArgumentException(
          "\"" + level + "\" is not a log level; use TRACE, DEBUG, INFO, WARN or ERROR.");
    }
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      throw new IllegalStateException(
          "Logging is not handled by Logback here, so the level cannot change at run time.");
    }
    context.getLogger(Logging.PROJECT_LOGGER).setLevel(Level.toLevel(wanted));
    log.info("Operator console: log level set to {}", wanted);
  }

  @Override
  public void setGreetings(boolean enabled) {
    throw fromConfigFile("bot.greetings_enabled", String.valueOf(enabled));
  }

  @Override
  public void setPollInterval(Duration interval) {
    throw fromConfigFile(
        "plugins.semaphore_poll.poll_interval", interval.toSeconds() + " (seconds)");
  }

  @Override
  public void setCommandPrefix(String prefix) {
    throw fromConfigFile("bot.command_prefix", "\"" + prefix + "\"");
  }

  @Override
  public void startVerification(String userId, String deviceId) {
    machine().requestVerification(userId, deviceId);
    flush();
  }

  @Override
  public void acceptVerification(String verificationId) {
    machine().acceptVerification(verificationId);
    flush();
  }

  @Override
  public void confirmVerification(String verificationId) {
    machine().confirmVerification(verificationId);
    flush();
  }

  @Override
  public void cancelVerification(String verificationId) {
    machine().cancelVerification(verificationId, true);
    flush();
  }

  @Override
  public void quit() {
    log.info("Operator console: stop requested");
    running.shutdown().requestStop();
  }

  private OlmMachine machine() {
    return running
        .encryption()
        .orElseThrow(() ->
            new IllegalStateException(
                "Encryption is off, so there is nothing to verify; set matrix.e2ee to true"
                    + " to use verification."))
        .machine();
  }

  /** Sends the verification's to-device messages now instead of at the next sync. */
  private void flush() {
    running.encryption().ifPresent(bridge -> bridge.flushRequests());
  }

  private IllegalStateException fromConfigFile(String key, String value) {
    return new IllegalStateException(
        "This setting cannot be changed from the console yet. Set "
            + key
            + " to "
            + value
            + " in the configuration file; the bot reloads the file and applies it.");
  }

  private static String requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Enter " + what + ".");
    }
    return value.strip();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("\n", "<br>");
  }
}
