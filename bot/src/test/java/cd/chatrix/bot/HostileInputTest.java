package cd.chatrix.bot;

import static cd.chatrix.bot.fake.Harness.ALICE;
import static cd.chatrix.bot.fake.Harness.BOB;
import static cd.chatrix.bot.fake.Harness.BOT;
import static cd.chatrix.bot.fake.Harness.ROOM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import cd.chatrix.bot.commands.Commands;
import cd.chatrix.bot.fake.EventSize;
import cd.chatrix.bot.fake.FakeChat;
import cd.chatrix.bot.fake.FakeEncryption;
import cd.chatrix.bot.fake.Harness;
import cd.chatrix.bot.fake.HostileLines;
import cd.chatrix.bot.fake.HtmlCheck;
import cd.chatrix.bot.fake.LogCapture;
import cd.chatrix.bot.port.BotObserver;
import cd.chatrix.bot.port.DeviceInfo.Trust;
import cd.chatrix.bot.port.OutgoingMessage;
import cd.chatrix.bot.port.Overrides;
import cd.chatrix.bot.port.RoomInfo;
import cd.chatrix.bot.port.SurveyVar;
import cd.chatrix.bot.port.TaskInfo;
import cd.chatrix.bot.port.TaskRef;
import cd.chatrix.bot.port.TaskState;
import cd.chatrix.bot.port.Template;
import cd.chatrix.bot.text.Echo;
import cd.chatrix.bot.text.MessageCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Hostile and odd input never escapes a handler. A seeded generator ({@link HostileLines}) sends
 * many command lines through the real bot over its fakes and checks after each one that no
 * exception reached the bot's own safety nets (the dispatcher's "something went wrong" or an ERROR
 * in the log), that every message and edit fits a Matrix event, and that the HTML holds only the
 * bot's own markup, and mentions only people who spoke. Each line depends on the state the lines
 * before it left, so a failure replays from the start: {@code ./mvnw -pl bot verify
 * -Dtest=HostileInputTest -Dchatrixcd.hostile.seed=SEED}; {@code -Dchatrixcd.hostile.lines=N} runs
 * longer (the coverage checks at the end expect at least the default 12,000).
 */
class HostileInputTest {
  static final long SEED = Long.getLong("chatrixcd.hostile.seed", 20_261_207L);
  static final int LINES = Integer.getInteger("chatrixcd.hostile.lines", 12_000);

  private static final String SECRET = "!secret:example.org";
  private static final String EVIL_ROOM = "!evil:example.org";
  private static final String EVE = "@eve:example.org";
  private static final Set<String> PEOPLE = Set.of(ALICE, BOB, EVE);
  private static final List<String> REACTIONS =
      List.of("👍", "👍️", "👍🏽", "👎", "✅", "\ud800", "<script>", "x".repeat(40_000), "");
  private static final List<String> ALIASES = List.of("deploy", "st", "lg", "evil");

  private final Harness h = new Harness();
  private final FakeEncryption e2ee = new FakeEncryption();
  private final Outcomes outcomes = new Outcomes();

  /** Counts how commands ended, per command. */
  private static final class Outcomes implements BotObserver {
    final Map<String, Map<CommandOutcome, Integer>> seen = new ConcurrentHashMap<>();
    volatile String failedCommand;

    @Override
    public void commandHandled(
        String command, CommandOutcome outcome, Duration processing, Duration waitedOnPorts) {
      seen.computeIfAbsent(command, k -> new EnumMap<>(CommandOutcome.class))
          .merge(outcome, 1, Integer::sum);
      if (outcome == CommandOutcome.FAILED) {
        failedCommand = command;
      }
    }

    int count(CommandOutcome outcome) {
      return seen.values().stream().mapToInt(m -> m.getOrDefault(outcome, 0)).sum();
    }
  }

  private void wire() {
    h.settings.set(
        h.settings.get().toBuilder()
            .adminUsers(Set.of(ALICE))
            .policy(
                new BotSettings.Policy(
                    Set.of(BOB), Set.of(), Role.VIEWER, Map.of(), Map.of(), Set.of()))
            .rateLimit(BotSettings.RateLimit.OFF)
            .build());
    h.runner
        .project(2, "<b>Evil</b> & \"quoted\" \u202eproject")
        .template(
            new Template(
                7,
                2,
                "survey <i>",
                "Asks <things> & more¶" + "x".repeat(5_000),
                "ansible",
                Overrides.ALL,
                List.of(
                    new SurveyVar("COUNT", true, "int", List.of()),
                    new SurveyVar("LEVEL", false, "enum", List.of("low", "high")))))
        .project(3, "p".repeat(2_000))
        .template(3, 8, "t".repeat(2_000), Overrides.NONE);
    h.runner.addTask(TaskInfo.of(new TaskRef(1, 77), 5, TaskState.RUNNING));
    h.runner.print(
        new TaskRef(1, 77),
        "\u001b[31m<script>alert(1)</script>\u001b[0m",
        "\u001b[99999999999999999999m big SGR",
        "x".repeat(70_000));
    var members = List.of(ALICE, BOB, EVE, BOT);
    h.chat.joined.add(SECRET);
    h.chat.rooms.put(SECRET, new RoomInfo(SECRET, "Secret", true, true, members));
    h.chat.joined.add(EVIL_ROOM);
    h.chat.rooms.put(
        EVIL_ROOM,
        new RoomInfo(
            EVIL_ROOM,
            "<script>" + "\u202e".repeat(10) + "n".repeat(70_000),
            true,
            false,
            members));
    e2ee.device(BOT, "BOTDEVICE", "ChatrixCD", Trust.VERIFIED)
        .device(ALICE, "PHONE", "<b>phone</b>", Trust.UNVERIFIED)
        .device(ALICE, "LAPTOP", "x".repeat(5_000), Trust.CROSS_SIGNED);
    var aliases = new TreeMap<String, String>();
    aliases.put("deploy", "run 1 5");
    aliases.put("st", "status");
    aliases.put("lg", "logs 77 --tail");
    aliases.put("evil", "run 2 7 --message '<script>'");
    h.stores.aliases().save(aliases);
    h.bot =
        h.build(b ->
            b.messages(new MessageCatalog(new Random(SEED)))
                .observer(outcomes)
                .encryption(Optional.of(e2ee)));
    h.bot.start();
  }

  @Test
  @DisplayName("generated bad input (default seed 20261207, 12,000 lines) never escapes a handler")
  void generatedBadInputNeverEscapesAHandler() {
    wire();
    var lines = new HostileLines(SEED, ALIASES);
    var random = lines.random();
    var rooms = List.of(ROOM, ROOM, ROOM, SECRET, EVIL_ROOM);
    var senders = List.of(ALICE, ALICE, BOB, BOB, EVE);
    var names = List.of("", "<b>Alice</b>", "\u202eecilA", "n".repeat(10_000), "&amp; \"q\"");
    int longest = 0;
    try (var log = new LogCapture(true)) {
      for (int i = 0; i < LINES; i++) {
        String body = lines.next();
        longest = Math.max(longest, body.length());
        String room = rooms.get(random.nextInt(rooms.size()));
        String sender = senders.get(random.nextInt(senders.size()));
        Optional<String> thread =
            random.nextInt(10) == 0 ? Optional.of("$root" + i) : Optional.empty();
        int sent = h.chat.count();
        int edited = h.chat.edits.size();
        h.bot.onMessage(
            new IncomingMessage(
                room,
                "$hostile" + i,
                sender,
                names.get(random.nextInt(names.size())),
                body,
                h.clock.instant(),
                thread,
                Optional.empty(),
                SenderTrust.TRUSTED));
        if (random.nextInt(20) == 0 && h.chat.count() > 0) {
          // A reaction on the bot's latest message: answers to questions, and junk.
          h.bot.onReaction(
              new IncomingReaction(
                  room,
                  "$reaction" + i,
                  sender,
                  h.chat.last().eventId(),
                  REACTIONS.get(random.nextInt(REACTIONS.size()))));
        }
        if (i % 40 == 39) {
          moveTime(random);
        }
        var problem = problem(sent, edited, log);
        if (problem.isPresent()) {
          fail(
              "Seed %d, line %d (replay with -Dchatrixcd.hostile.seed=%d): %s%nThe line: %s",
              SEED, i, SEED, problem.get(), HostileLines.printable(body));
        }
      }
    }
    // The generator must reach what it claims to: every command, each kind of answer, long lines.
    for (var spec : Commands.ALL.specs()) {
      assertThat(outcomes.seen)
          .as("seed %d: %s was tried", SEED, spec.name())
          .containsKey(spec.name());
    }
    assertThat(outcomes.count(BotObserver.CommandOutcome.OK)).isGreaterThan(500);
    assertThat(outcomes.count(BotObserver.CommandOutcome.USAGE)).isGreaterThan(500);
    assertThat(outcomes.count(BotObserver.CommandOutcome.UNKNOWN)).isGreaterThan(100);
    assertThat(outcomes.count(BotObserver.CommandOutcome.DENIED)).isGreaterThan(10);
    assertThat(h.runner.started).isNotEmpty();
    assertThat(longest).isGreaterThan(39_000);
    assertThat(LINES).isGreaterThanOrEqualTo(10_000);
  }

  /** The checks above are only worth something if they catch what they look for. */
  @Test
  void theChecksCatchBadReplies() {
    assertThat(HtmlCheck.problem("I don't know \"<script>\"")).isPresent();
    assertThat(HtmlCheck.problem("<a href=\"javascript:alert(1)\">x</a>")).isPresent();
    assertThat(HtmlCheck.problem("<a href=javascript:x>x</a>")).isPresent();
    assertThat(HtmlCheck.problem("fish & chips")).isPresent();
    assertThat(HtmlCheck.problem("x > y")).isPresent();
    assertThat(HtmlCheck.problem("<strong>open")).isPresent();
    assertThat(HtmlCheck.problem("<strong>&lt;b&gt; &amp; &quot;</strong><br>\n<code>x</code>"))
        .isEmpty();
    var fits =
        new OutgoingMessage("x".repeat(30_000), "y".repeat(30_000), Optional.empty(), List.of());
    var tooBig =
        new OutgoingMessage("x".repeat(40_000), "y".repeat(30_000), Optional.empty(), List.of());
    assertThat(EventSize.send(ROOM, fits, false)).isLessThanOrEqualTo(EventSize.MAX_EVENT);
    assertThat(EventSize.send(ROOM, tooBig, false)).isGreaterThan(EventSize.MAX_EVENT);
    assertThat(EventSize.send(ROOM, fits, true)).isGreaterThan(EventSize.MAX_EVENT);
    assertThat(EventSize.edit(ROOM, "$e", fits, false)).isGreaterThan(EventSize.MAX_EVENT);
  }

  /** An exception that reaches the dispatcher's catch-all fails the generated test. */
  @Test
  void anExceptionCaughtByTheCatchAllIsNoticed() {
    wire();
    h.runner.projects.add(null);
    int sent = h.chat.count();
    int edited = h.chat.edits.size();
    try (var log = new LogCapture(true)) {
      h.say(ALICE, "!cd projects");
      assertThat(problem(sent, edited, log))
          .hasValueSatisfying(p -> assertThat(p).contains("catch-all").contains("projects"));
      outcomes.failedCommand = null;
      assertThat(problem(sent, edited, log))
          .hasValueSatisfying(p -> assertThat(p).contains("ERROR"));
      log.clear();
      assertThat(problem(sent, edited, log))
          .hasValueSatisfying(p -> assertThat(p).contains("generic failure reply"));
    }
  }

  /** Now and then: time passes (confirmations expire) and watched tasks move on. */
  private void moveTime(Random random) {
    h.clock.advance(Duration.ofSeconds(30 + random.nextInt(300)));
    h.bot.tick();
    for (TaskRef ref : h.bot.watchedTasks()) {
      if (random.nextBoolean()) {
        h.runner.print(ref, "<b>out</b> \u202e &", "\u001b[1;31mfailed: [web1]\u001b[0m");
        var state = random.nextBoolean() ? TaskState.RUNNING : TaskState.ERROR;
        h.bot.onTaskUpdate(
            h.runner.set(ref, state, Optional.of(h.clock.instant()), Optional.empty()));
      }
    }
  }

  /** What went wrong with the messages since {@code sent}/{@code edited}, if anything. */
  private Optional<String> problem(int sent, int edited, LogCapture log) {
    if (outcomes.failedCommand != null) {
      return Optional.of(
          "the dispatcher's catch-all took an exception from " + outcomes.failedCommand);
    }
    if (!log.errors().isEmpty()) {
      var r = log.errors().getFirst();
      return Optional.of(
          "ERROR logged: "
              + r.getMessage()
              + (r.getThrown() == null ? "" : " (" + r.getThrown() + ")"));
    }
    var out = new ArrayList<String>();
    for (FakeChat.Sent s : h.chat.sentSince(sent)) {
      boolean encrypted = isEncrypted(s.roomId());
      check(s.message(), EventSize.send(s.roomId(), s.message(), encrypted), out);
    }
    for (FakeChat.Edit e : h.chat.edits.subList(edited, h.chat.edits.size())) {
      boolean encrypted = isEncrypted(e.roomId());
      check(e.message(), EventSize.edit(e.roomId(), e.eventId(), e.message(), encrypted), out);
    }
    return out.stream().findFirst();
  }

  private boolean isEncrypted(String room) {
    return h.chat.roomInfo(room).map(RoomInfo::encrypted).orElse(true);
  }

  private static void check(OutgoingMessage m, int eventBytes, List<String> out) {
    if (m.body().contains("Something went wrong")) {
      out.add("the generic failure reply was sent: " + HostileLines.printable(m.body()));
    }
    if (eventBytes > EventSize.MAX_EVENT) {
      out.add("an event of " + eventBytes + " bytes (max " + EventSize.MAX_EVENT + ")");
    }
    HtmlCheck.problem(m.html()).ifPresent(p -> out.add("unescaped HTML: " + p));
    if (!PEOPLE.containsAll(m.mentions())) {
      out.add("mentions someone who never spoke: " + m.mentions());
    }
    if (!Echo.wellFormed(m.body()) || !Echo.wellFormed(m.html())) {
      out.add("a lone surrogate, which no event can carry");
    }
  }
}
