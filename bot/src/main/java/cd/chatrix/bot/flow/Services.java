package cd.chatrix.bot.flow;

import cd.chatrix.bot.BotSettings;
import cd.chatrix.bot.command.AliasTable;
import cd.chatrix.bot.policy.AccessPolicy;
import cd.chatrix.bot.port.BotObserver;
import cd.chatrix.bot.port.ChatPort;
import cd.chatrix.bot.port.EncryptionPort;
import cd.chatrix.bot.port.LifecyclePort;
import cd.chatrix.bot.port.OutgoingMessage;
import cd.chatrix.bot.port.PortException;
import cd.chatrix.bot.port.Relation;
import cd.chatrix.bot.port.RunnerPort;
import cd.chatrix.bot.store.AuditEntry;
import cd.chatrix.bot.store.Stores;
import cd.chatrix.bot.text.MessageCatalog;
import cd.chatrix.bot.text.Reply;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** The collaborators every handler and service shares. Settings are read fresh on each use. */
public record Services(
    Supplier<BotSettings> settingsSource,
    ChatPort chat,
    RunnerPort runner,
    Stores stores,
    InstantSource clock,
    MessageCatalog messages,
    AliasTable aliases,
    LifecyclePort lifecycle,
    Supplier<String> e2eeStatus,
    Instant startedAt,
    BotObserver observer,
    Optional<EncryptionPort> encryption,
    CommandList commands) {
  private static final System.Logger LOG = System.getLogger(Services.class.getName());

  public BotSettings settings() {
    return settingsSource.get();
  }

  public AccessPolicy policy() {
    return new AccessPolicy(settings());
  }

  public Instant now() {
    return clock.instant();
  }

  /**
   * Sends and returns the event id; a failure is logged and yields empty, never an exception. A
   * reply too large for one event is shortened to fit ({@link Budget}), so it always arrives.
   */
  public Optional<String> send(String roomId, Reply reply, Optional<Relation> relation) {
    return send(roomId, Budget.fit(this, roomId, reply, false).toMessage(relation));
  }

  public Optional<String> send(String roomId, OutgoingMessage message) {
    CommandTiming.replyHandedOver();
    try {
      return Optional.of(chat.send(roomId, message));
    } catch (PortException e) {
      LOG.log(System.Logger.Level.WARNING, "Could not send to {0}: {1}", roomId, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Hands the reply to the room's send queue and returns at once (see {@link ChatPort#post}); a
   * failure, now or once the homeserver answered, is logged. The stage gives the event id to those
   * that need it later.
   */
  public CompletionStage<String> post(String roomId, Reply reply, Optional<Relation> relation) {
    return post(roomId, Budget.fit(this, roomId, reply, false).toMessage(relation));
  }

  public CompletionStage<String> post(String roomId, OutgoingMessage message) {
    CommandTiming.replyHandedOver();
    CompletionStage<String> posted;
    try {
      posted = chat.post(roomId, message);
    } catch (PortException e) {
      posted = CompletableFuture.failedFuture(e);
    }
    return posted.whenComplete((id, failure) -> {
      if (failure != null) {
        Throwable cause =
            failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        LOG.log(
            System.Logger.Level.WARNING, "Could not send to {0}: {1}", roomId, cause.getMessage());
      }
    });
  }

  public void edit(String roomId, String eventId, Reply reply, Optional<Relation> relation) {
    try {
      chat.edit(roomId, eventId, Budget.fit(this, roomId, reply, true).toMessage(relation));
    } catch (PortException e) {
      LOG.log(System.Logger.Level.WARNING, "Could not edit {0}: {1}", eventId, e.getMessage());
    }
  }

  public void audit(
      String user,
      String roomId,
      String action,
      String detail,
      Optional<Long> task,
      String outcome) {
    stores.audit().append(new AuditEntry(now(), user, roomId, action, detail, task, outcome));
  }

  public String greeting(String name) {
    return messages.pick("greetings", Map.of("name", name, "user_name", name));
  }
}
