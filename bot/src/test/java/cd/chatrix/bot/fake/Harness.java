package cd.chatrix.bot.fake;

import cd.chatrix.bot.Bot;
import cd.chatrix.bot.BotBuilder;
import cd.chatrix.bot.BotSettings;
import cd.chatrix.bot.IncomingMessage;
import cd.chatrix.bot.IncomingReaction;
import cd.chatrix.bot.Role;
import cd.chatrix.bot.SenderTrust;
import cd.chatrix.bot.port.BotObserver;
import cd.chatrix.bot.port.Overrides;
import cd.chatrix.bot.port.RoomInfo;
import cd.chatrix.bot.store.Stores;
import cd.chatrix.bot.text.MessageCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A bot wired to fakes, with helpers to talk to it like a room would. */
public final class Harness {
  public static final String ROOM = "!ops:example.org";
  public static final String BOT = "@chatrix:example.org";
  public static final String ALICE = "@alice:example.org";
  public static final String BOB = "@bob:example.org";

  public final FakeChat chat = new FakeChat();
  public final FakeRunner runner = new FakeRunner();
  public final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
  public final AtomicReference<BotSettings> settings =
      new AtomicReference<>(BotSettings.defaults(BOT, "https://semaphore.example/"));
  public final List<String> shutdowns = new ArrayList<>();
  public Stores stores = Stores.inMemory();
  public Bot bot;
  private final AtomicInteger events = new AtomicInteger();

  public Harness() {
    runner.clock = clock::instant;
    runner
        .project(1, "Infra")
        .template(1, 5, "Deploy web", Overrides.ALL)
        .template(1, 6, "Backup db", Overrides.NONE);
    chat.joined.add(ROOM);
    chat.rooms.put(ROOM, new RoomInfo(ROOM, "Ops", true, false, List.of(ALICE, BOB, BOT)));
    bot = build();
  }

  public Bot build() {
    return builder().build();
  }

  /** A bot like {@link #build()} with something of the builder changed. */
  public Bot build(java.util.function.UnaryOperator<BotBuilder> adjust) {
    return adjust.apply(builder()).build();
  }

  /** A bot like {@link #build()} that also tells {@code observer} what it handled. */
  public Bot build(BotObserver observer) {
    return builder().observer(observer).build();
  }

  private BotBuilder builder() {
    return Bot.builder()
        .settings(settings::get)
        .chat(chat)
        .runner(runner)
        .stores(stores)
        .clock(clock)
        .messages(new MessageCatalog(new Random(7)))
        .lifecycle(shutdowns::add)
        .autoTick(false);
  }

  /** Runs of these templates need a second operator's approval; everything else is open. */
  public void requireApproval(long... templateIds) {
    var ids =
        java.util.Arrays.stream(templateIds).boxed().collect(java.util.stream.Collectors.toSet());
    policy(new BotSettings.Policy(Set.of(), Set.of(), Role.NONE, Map.of(), Map.of(), ids));
  }

  /** The access policy from now on, the other settings kept. */
  public void policy(BotSettings.Policy policy) {
    settings.set(settings.get().withPolicy(policy));
  }

  /** A policy naming these users operators; everything else open. */
  public static BotSettings.Policy operators(String... users) {
    return new BotSettings.Policy(Set.of(users), Set.of(), Role.NONE, Map.of(), Map.of(), Set.of());
  }

  /** A policy naming these users viewers; everything else open. */
  public static BotSettings.Policy viewers(String... users) {
    return new BotSettings.Policy(Set.of(), Set.of(users), Role.NONE, Map.of(), Map.of(), Set.of());
  }

  /** A policy that lets {@code room} see only these projects and templates (empty: all). */
  public static BotSettings.Policy roomScope(String room, Set<Long> projects, Set<Long> templates) {
    return new BotSettings.Policy(
        Set.of(),
        Set.of(),
        Role.NONE,
        Map.of(),
        Map.of(room, new BotSettings.RoomScope(projects, templates)),
        Set.of());
  }

  /** Simulates a restart: a new bot over the same stores, fakes and clock. */
  public void restart() {
    bot = build();
    bot.start();
  }

  public String say(String user, String body) {
    return say(ROOM, user, body);
  }

  public String say(String room, String user, String body) {
    return message(room, user, body, Optional.empty(), Optional.empty(), SenderTrust.TRUSTED);
  }

  /** A message in {@code room} that replies to {@code target}. */
  public String replyIn(String room, String user, String target, String body) {
    return message(room, user, body, Optional.empty(), Optional.of(target), SenderTrust.TRUSTED);
  }

  private String message(
      String room,
      String user,
      String body,
      Optional<String> threadRoot,
      Optional<String> replyTo,
      SenderTrust trust) {
    String id = "$u" + events.incrementAndGet();
    bot.onMessage(
        new IncomingMessage(
            room, id, user, user, body, clock.instant(), threadRoot, replyTo, trust));
    return id;
  }

  /** A message inside the thread rooted at {@code root}. */
  public String sayIn(String root, String user, String body) {
    return message(ROOM, user, body, Optional.of(root), Optional.empty(), SenderTrust.TRUSTED);
  }

  public void react(String user, String target, String key) {
    bot.onReaction(new IncomingReaction(ROOM, "$r" + events.incrementAndGet(), user, target, key));
  }

  /** A message whose sending device the app judged as {@code trust}. */
  public String sayFrom(String user, SenderTrust trust, String body) {
    return message(ROOM, user, body, Optional.empty(), Optional.empty(), trust);
  }

  /** A reaction whose sending device the app judged as {@code trust}. */
  public void reactFrom(String user, SenderTrust trust, String target, String key) {
    bot.onReaction(
        new IncomingReaction(ROOM, "$r" + events.incrementAndGet(), user, target, key, trust));
  }

  public FakeChat.Sent last() {
    return chat.last();
  }

  public String lastBody() {
    return chat.last().body();
  }
}
