package cd.chatrix.bot;

import cd.chatrix.bot.command.AliasTable;
import cd.chatrix.bot.commands.Commands;
import cd.chatrix.bot.flow.Services;
import cd.chatrix.bot.flow.TimedChat;
import cd.chatrix.bot.flow.TimedRunner;
import cd.chatrix.bot.port.BotObserver;
import cd.chatrix.bot.port.ChatPort;
import cd.chatrix.bot.port.EncryptionPort;
import cd.chatrix.bot.port.LifecyclePort;
import cd.chatrix.bot.port.RunnerPort;
import cd.chatrix.bot.store.Stores;
import cd.chatrix.bot.text.MessageCatalog;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/** Wires a {@link Bot}: settings, chat and runner are required; the rest has sensible defaults. */
public final class BotBuilder {
  private Supplier<BotSettings> settings;
  private ChatPort chat;
  private RunnerPort runner;
  private Stores stores = Stores.inMemory();
  private InstantSource clock = InstantSource.system();
  private MessageCatalog messages = new MessageCatalog();
  private LifecyclePort lifecycle = reason -> {};
  private Supplier<String> e2eeStatus = () -> "unknown";
  private boolean autoTick = true;
  private Duration tickInterval = Duration.ofSeconds(1);
  private BotObserver observer = BotObserver.NONE;
  private Optional<EncryptionPort> encryption = Optional.empty();

  BotBuilder() {}

  /** Read on every event, so a config reload applies at once. */
  public BotBuilder settings(Supplier<BotSettings> s) {
    this.settings = s;
    return this;
  }

  public BotBuilder chat(ChatPort c) {
    this.chat = c;
    return this;
  }

  public BotBuilder runner(RunnerPort r) {
    this.runner = r;
    return this;
  }

  public BotBuilder stores(Stores s) {
    this.stores = s;
    return this;
  }

  public BotBuilder clock(InstantSource c) {
    this.clock = c;
    return this;
  }

  public BotBuilder messages(MessageCatalog m) {
    this.messages = m;
    return this;
  }

  public BotBuilder lifecycle(LifecyclePort l) {
    this.lifecycle = l;
    return this;
  }

  /** A one-line description of the encryption state for {@code info}. */
  public BotBuilder e2eeStatus(Supplier<String> s) {
    this.e2eeStatus = s;
    return this;
  }

  /** Whether {@link Bot#start()} runs a background tick; tests turn it off and call tick(). */
  public BotBuilder autoTick(boolean on) {
    this.autoTick = on;
    return this;
  }

  public BotBuilder tickInterval(Duration d) {
    this.tickInterval = d;
    return this;
  }

  /** Told about commands, runs, approvals and expiries: metrics and benchmarks listen here. */
  public BotBuilder observer(BotObserver o) {
    this.observer = Objects.requireNonNull(o, "observer");
    return this;
  }

  /** Device verification and key details for {@code verify}/{@code sessions}; empty when off. */
  public BotBuilder encryption(Optional<? extends EncryptionPort> e) {
    this.encryption = e.map(EncryptionPort.class::cast);
    return this;
  }

  public Bot build() {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(chat, "chat");
    Objects.requireNonNull(runner, "runner");
    var services =
        new Services(
            settings,
            new TimedChat(chat),
            new TimedRunner(runner),
            stores,
            clock,
            messages,
            new AliasTable(stores.aliases(), Commands.ALL::knows),
            lifecycle,
            e2eeStatus,
            clock.instant(),
            observer,
            encryption,
            Commands.ALL);
    return new Bot(services, autoTick, tickInterval);
  }
}
